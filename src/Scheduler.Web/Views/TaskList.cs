using Scheduler.State.Entities;
using Scheduler.State.Store;

namespace Scheduler.Web.Views;

/// <summary>
/// Every task with its row, for the lists (the overview and its filtered views, <c>/timeline</c>, <c>/calendar.ics</c>),
/// kept as one <see cref="TaskSnapshot"/> that every request shares.
/// </summary>
/// <remarks>
/// <para>How stale a snapshot may be: a request is served the last snapshot when it holds the tasks and the pauses
/// as they are at the request (the request reads the tasks' signature, <see cref="TaskSummaries"/>, and the pauses,
/// <see cref="PauseBoard"/>, and compares) and was built less than <see cref="MaxAge"/> before it. So every change to
/// a task or a pause committed before the request is shown (a run that started a moment ago included); only the
/// texts that follow the clock ("4 s ago", "in 3 min") may be up to <see cref="MaxAge"/> old.</para>
/// <para>Building 1,000 rows formats about 7,000 instants; the request that found the second turned used to pay for
/// it. Now <see cref="ListRefresher"/> builds the next snapshot in the background at each turn of the second while the
/// lists are being read, and a request builds one itself only after a change or when nobody read the lists for a
/// while, one build at a time (a request that finds a build under way waits for it rather than build again).</para>
/// </remarks>
internal sealed class TaskList(TaskSummaries summaries, DefinitionViews views, TaskRows rows, PauseBoard pauses, TimeProvider time) : IDisposable
{
    /// <summary>The oldest snapshot a request is served: more than the refresher's second, so a late turn is not a rebuild on the request.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _building = new(1, 1);
    private readonly Lock _gate = new();
    private volatile TaskSnapshot? _last;
    private long _readAtTicks = long.MinValue;
    private TaskCompletionSource? _waiting;

    /// <summary>The last snapshot built, or null before the first.</summary>
    public TaskSnapshot? Last => _last;

    /// <summary>When a request last read the lists (<see cref="DateTimeOffset.MinValue"/> before the first).</summary>
    public DateTimeOffset LastRead
    {
        get
        {
            var ticks = Interlocked.Read(ref _readAtTicks);
            return ticks == long.MinValue ? DateTimeOffset.MinValue : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    /// <summary>All tasks in id order, retired ones included, as of the request (see the remarks); shared, not to be changed.</summary>
    public async Task<IReadOnlyList<ListedTask>> GetAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        (await SnapshotAsync(now, cancellationToken)).Listed;

    /// <summary>The snapshot a request is served (see the remarks).</summary>
    public async Task<TaskSnapshot> SnapshotAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        Read(now);
        var tasks = await summaries.ListAsync(cancellationToken);
        var paused = await pauses.GetAsync(cancellationToken);
        if (Usable(_last, tasks, paused, now) is { } last)
        {
            return last;
        }

        await _building.WaitAsync(cancellationToken);
        try
        {
            // Built by someone else while this request waited: as good, and already paid for.
            return Usable(_last, tasks, paused, now) ?? (_last = await BuildAsync(tasks, paused, now, cancellationToken));
        }
        finally
        {
            _building.Release();
        }
    }

    /// <summary>
    /// Builds a snapshot as of now, whatever the last one holds (the refresher's turn of the second), and serves it only
    /// once <paramref name="prepare"/> is done with it: requests that come meanwhile are served the one before, not
    /// left to build the views of the new one themselves.
    /// </summary>
    public async Task<TaskSnapshot> RefreshAsync(Func<TaskSnapshot, Task> prepare, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prepare);
        await _building.WaitAsync(cancellationToken);
        try
        {
            var tasks = await summaries.ListAsync(cancellationToken);
            var paused = await pauses.GetAsync(cancellationToken);
            var snapshot = await BuildAsync(tasks, paused, time.GetUtcNow(), cancellationToken);
            await prepare(snapshot);
            _last = snapshot;
            return snapshot;
        }
        finally
        {
            _building.Release();
        }
    }

    /// <summary>Completes at once while the lists were read within <paramref name="within"/>, else at the next read.</summary>
    public Task ReadRecentlyAsync(TimeSpan within, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (time.GetUtcNow() - LastRead <= within)
            {
                return Task.CompletedTask;
            }

            _waiting ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _waiting.Task.WaitAsync(cancellationToken);
        }
    }

    private void Read(DateTimeOffset now)
    {
        Interlocked.Exchange(ref _readAtTicks, now.UtcTicks);
        if (_waiting is null)
        {
            return; // the refresher is awake: nothing to tell it
        }

        TaskCompletionSource? waiting;
        lock (_gate)
        {
            waiting = _waiting;
            _waiting = null;
        }

        waiting?.TrySetResult();
    }

    private async Task<TaskSnapshot> BuildAsync(IReadOnlyList<TaskRecord> tasks, IReadOnlyList<PauseRecord> paused, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var known = await views.GetAsync(tasks, now, cancellationToken);
        var listed = new List<ListedTask>(tasks.Count);
        foreach (var task in tasks)
        {
            var view = known[task.Id];
            listed.Add(new ListedTask(task, rows.Build(task, view, now), view.Definition));
        }

        return new TaskSnapshot(tasks, paused, now, listed);
    }

    public void Dispose() => _building.Dispose();

    private static TaskSnapshot? Usable(TaskSnapshot? last, IReadOnlyList<TaskRecord> tasks, IReadOnlyList<PauseRecord> paused, DateTimeOffset now) =>
        last is not null
        && ReferenceEquals(last.Tasks, tasks) // TaskSummaries hands out the same list while no task changed
        && now - last.BuiltAt < MaxAge // a snapshot built after the request's clock reading is as good
        && PauseValues.Same(last.Pauses, paused, last.BuiltAt, now)
            ? last
            : null;
}
