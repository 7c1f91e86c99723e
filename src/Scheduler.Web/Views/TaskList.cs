using Scheduler.State.Store;

namespace Scheduler.Web.Views;

/// <summary>
/// Every task with its row, for the lists: built again only when the tasks (<see cref="TaskSummaries"/> hands out
/// the same list while none changed), the pauses (<see cref="PauseBoard"/> likewise, read at most once a second) or
/// the second of the clock (the rows say "4 s ago") moved on. Building 1,000 rows formats about 7,000 instants;
/// the overview, its filtered views and <c>/timeline</c> asked for them on every request.
/// </summary>
internal sealed class TaskList(TaskSummaries summaries, DefinitionViews views, TaskRows rows, PauseBoard pauses)
{
    private volatile Built? _last;

    /// <summary>All tasks in id order, retired ones included; shared between requests, not to be changed.</summary>
    public async Task<IReadOnlyList<ListedTask>> GetAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var tasks = await summaries.ListAsync(cancellationToken);
        var paused = await pauses.GetAsync(cancellationToken); // the rows' pauses
        var second = now.UtcTicks / TimeSpan.TicksPerSecond;
        if (_last is { } last && ReferenceEquals(last.Tasks, tasks) && ReferenceEquals(last.Pauses, paused) && last.Second == second)
        {
            return last.Listed;
        }

        var known = await views.GetAsync(tasks, now, cancellationToken);
        var listed = new List<ListedTask>(tasks.Count);
        foreach (var task in tasks)
        {
            var view = known[task.Id];
            listed.Add(new ListedTask(task, rows.Build(task, view, now), view.Definition));
        }

        _last = new Built(tasks, paused, second, listed);
        return listed;
    }

    private sealed record Built(object Tasks, object Pauses, long Second, IReadOnlyList<ListedTask> Listed);
}
