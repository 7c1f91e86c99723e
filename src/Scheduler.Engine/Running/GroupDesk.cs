using Microsoft.Extensions.Logging;
using Scheduler.Definitions.Runs;
using Scheduler.Engine.Planning;
using Scheduler.State.Store;

namespace Scheduler.Engine.Running;

/// <summary>
/// The loop's hand for concurrency groups. A group's claimed runs wait <c>queued</c> in the store; this runs a group's
/// admission (<see cref="RunStore.AdmitGroupAsync"/> deciding by <see cref="ConcurrencyRule.Admit"/>) when this process
/// queued a run of it or wrote the end of one, and every <see cref="PollInterval"/> for places freed on other replicas,
/// then hands the runs it started to the executor. It also tells the decision what stands in a group task's way.
/// Owned by the loop (one thread); <see cref="Freed"/> is the only entry from elsewhere, and it posts to the loop.
/// </summary>
internal sealed class GroupDesk(RunStore store, TaskBook tasks, RunExecutor executor, OverlapBook overlap, TimeProvider time, EngineOptions options, ILogger logger)
{
    /// <summary>How often every replica looks at its groups for places that another replica's ends freed.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly HashSet<string> _due = new(StringComparer.Ordinal);
    private Dictionary<string, (int Limit, Dictionary<string, GroupMember> Members)> _groups = new(StringComparer.Ordinal);
    private ILookup<string, GroupRun>? _queued;
    private DateTimeOffset _nextPoll = DateTimeOffset.MinValue;

    /// <summary>Posts work to the loop's thread (the loop sets it).</summary>
    public Func<Func<Task<bool>>, Task<bool>>? Post { get; set; }

    /// <summary>Remembers the upstreams of chained runs this process did not dispatch (the loop sets it to the chain starter's).</summary>
    public Func<IEnumerable<(string TaskId, DateTimeOffset Slot)>, CancellationToken, Task>? Upstreams { get; set; }

    /// <summary>When the loop must wake for the next look, or null when no applied task names a group.</summary>
    public DateTimeOffset? NextWake => _groups.Count == 0 ? null : _due.Count > 0 ? DateTimeOffset.MinValue : _nextPoll;

    /// <summary>The groups of the applied tasks, their limits and members.</summary>
    public void Update(IEnumerable<ScheduledTask> applied)
    {
        var groups = new Dictionary<string, (int Limit, Dictionary<string, GroupMember> Members)>(StringComparer.Ordinal);
        foreach (var task in applied)
        {
            if (task.Definition.Concurrency is { } group)
            {
                if (!groups.TryGetValue(group.Group, out var entry))
                {
                    groups[group.Group] = entry = (group.Limit, new Dictionary<string, GroupMember>(StringComparer.Ordinal));
                }

                entry.Members[task.Id] = new GroupMember(task.Definition.StartingDeadline);
            }
        }

        _groups = groups;
    }

    /// <summary>Cancels a run that waits queued in its group (any thread: only the store is touched); false when it is not queued any more.</summary>
    public Task<bool> CancelQueuedAsync(long runId, CancellationToken cancellationToken) =>
        store.EndGroupQueuedAsync(runId, RunStatus.Cancelled, "cancelled on request while waiting for a place in its group", time.GetUtcNow(), cancellationToken);

    /// <summary>Skips a run that waits queued in its group, which a replace took the place of; a store that fails to answer leaves it waiting.</summary>
    public async Task SkipWaitingAsync(long runId, string reason, CancellationToken cancellationToken)
    {
        try
        {
            await store.EndGroupQueuedAsync(runId, RunStatus.Skipped, reason, time.GetUtcNow(), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            EngineLog.StoreFailed(logger, e);
        }
    }

    /// <summary>Forgets the queued runs read for the previous tick.</summary>
    public void BeginTick() => _queued = null;

    /// <summary>A run of the group was just claimed (written queued): its admission runs in this loop turn.</summary>
    public void Queued(string group) => _due.Add(group);

    /// <summary>The end of a group's run was written (any thread): the group's admission runs on the loop's thread.</summary>
    public void Freed(string group) => _ = Post?.Invoke(() =>
    {
        _due.Add(group);
        return Task.FromResult(true);
    });

    /// <summary>The task's runs that wait queued in its group (any replica), for its overlap policy; read once per tick.</summary>
    public async Task<IReadOnlyList<RunInWay>> WaitingAsync(string taskId, string waiting, CancellationToken cancellationToken)
    {
        await ReadQueuedAsync(cancellationToken);
        return [.. _queued![taskId].Select(r => new RunInWay(r.RunId, r.SlotUtc, r.Attempt, r.Trigger, r.Instance) { WaitingFor = waiting })];
    }

    /// <summary>The group as the decision sees it: its limit and, from this tick's reads, its running and queued runs.</summary>
    public async Task<GroupPlace?> PlaceAsync(Definitions.Model.ConcurrencyDefinition? group, Func<string, int> runningElsewhere, CancellationToken cancellationToken)
    {
        if (group is null || !_groups.TryGetValue(group.Group, out var entry))
        {
            return null;
        }

        await ReadQueuedAsync(cancellationToken);
        var waiting = entry.Members.Keys.Sum(id => _queued![id].Count());
        var runningHere = entry.Members.Keys.Sum(id => overlap.Of(id).Count);
        return new GroupPlace(group.Group, group.Limit, runningHere + entry.Members.Keys.Sum(runningElsewhere), waiting);
    }

    /// <summary>Runs the admission of each group that is due (queued or freed here, or the poll's turn) and starts what it gives this process.</summary>
    public async Task AdmitDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_groups.Count == 0)
        {
            _due.Clear();
            return;
        }

        if (now >= _nextPoll)
        {
            // One read for every group: only a group with queued runs needs its admission (and its lock).
            _nextPoll = now + PollInterval;
            _queued = null;
            await ReadQueuedAsync(cancellationToken);
            _due.UnionWith(_groups.Where(g => g.Value.Members.Keys.Any(id => _queued![id].Any())).Select(g => g.Key));
        }

        foreach (var group in _due.ToList())
        {
            _due.Remove(group);
            if (!_groups.TryGetValue(group, out var entry))
            {
                continue;
            }

            try
            {
                var started = await store.AdmitGroupAsync(
                    group, options.Instance, time, (snapshot, at) => ConcurrencyRule.Admit(snapshot, entry.Limit, id => entry.Members.GetValueOrDefault(id), at), cancellationToken);
                if (Upstreams is not null && started.Any(r => r.Trigger is RunTrigger.After or RunTrigger.Retry))
                {
                    // Admitted here, a chained run may have been dispatched by another replica: its upstream comes from the store.
                    await Upstreams(started.Where(r => r.Trigger is RunTrigger.After or RunTrigger.Retry).Select(r => (r.TaskId, r.SlotUtc)), cancellationToken);
                }

                started.ToList().ForEach(Start);
                _queued = null;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                EngineLog.StoreFailed(logger, e); // the next poll tries again
            }
        }
    }

    private void Start(GroupRun run)
    {
        if (!tasks.TryGet(run.TaskId, out var slots))
        {
            return; // cannot happen: the rule starts only members, which are applied tasks
        }

        var owed = new OwedRun(run.SlotUtc, run.Trigger, run.Attempt);
        overlap.Claimed(run.TaskId, owed, run.RunId);
        executor.Admit([new ActiveRun(slots.Task, run.RunId, run.SlotUtc, run.Attempt, run.Trigger, options.OutputTailBytes) { Parameters = run.Parameters }]);
    }

    private async Task ReadQueuedAsync(CancellationToken cancellationToken)
    {
        if (_queued is not null)
        {
            return;
        }

        try
        {
            _queued = (await store.ListGroupQueuedAsync(cancellationToken)).ToLookup(r => r.TaskId, StringComparer.Ordinal);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            EngineLog.StoreFailed(logger, e);
            _queued = Array.Empty<GroupRun>().ToLookup(r => r.TaskId, StringComparer.Ordinal);
        }
    }
}
