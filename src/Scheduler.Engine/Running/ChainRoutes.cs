using System.Collections.Concurrent;
using System.Collections.Frozen;
using Scheduler.Definitions.Model;
using Scheduler.Definitions.Runs;
using Scheduler.Engine.Handlers;
using Scheduler.State.Store;

namespace Scheduler.Engine.Running;

/// <summary>
/// Which tasks follow which, for the end writer: an end carries the chained tasks it starts (<see cref="FollowsOf"/>)
/// into its own transaction. Rebuilt whole on every apply (an immutable snapshot, read by the recorder's thread) and
/// keeps, per chained run, the upstream run it sees (<see cref="UpstreamOf"/>, read by the executor's threads).
/// </summary>
internal sealed class ChainRoutes
{
    private readonly ConcurrentDictionary<(string TaskId, DateTimeOffset Slot), RunUpstream> _upstreams = new();
    private volatile Snapshot _snapshot = new(FrozenDictionary<string, ScheduledTask[]>.Empty, FrozenDictionary<string, ScheduledTask>.Empty);

    /// <summary>Told (on the end writer's thread) of the chained runs an end batch queued, once it is committed.</summary>
    public Action<IReadOnlyList<ChainedRun>>? Queued { get; set; }

    public void Update(IEnumerable<ScheduledTask> tasks)
    {
        var all = tasks.ToFrozenDictionary(t => t.Id, StringComparer.Ordinal);
        var followers = all.Values
            .Where(t => t.Definition is { Enabled: true, Schedule.After: not null })
            .SelectMany(t => t.Definition.Schedule.After!.Upstreams.Select(upstream => (upstream, t)))
            .GroupBy(p => p.upstream, p => p.t, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        _snapshot = new Snapshot(followers, all);
    }

    /// <summary>The chained tasks an end of <paramref name="run"/> with <paramref name="status"/> starts (none when a retry follows a failure).</summary>
    public IReadOnlyList<ChainFollow> FollowsOf(ActiveRun run, RunStatus status, string instance)
    {
        var snapshot = _snapshot;
        if (!snapshot.Followers.TryGetValue(run.Task.Id, out var followers))
        {
            return [];
        }

        var lastAttempt = run.IsLastAttempt;
        var follows = new List<ChainFollow>();
        foreach (var follower in followers)
        {
            var chain = follower.Definition.Schedule.After!;
            if (chain.Counts(status, lastAttempt))
            {
                var all = chain.WaitFor == ChainWaitFor.All && chain.Upstreams.Count > 1;
                follows.Add(new ChainFollow(follower.Id, follower.Revision, instance, all,
                    all ? [.. chain.Upstreams.Select(u => Upstream(u, chain.On, snapshot))] : []));
            }
        }

        return follows;
    }

    /// <summary>Remembers the upstream a chained run was queued for, for its attempts (retries share its slot).</summary>
    public void Remember(ChainedRun run) =>
        _upstreams[(run.TaskId, run.SlotUtc)] = new RunUpstream(run.CauseTaskId, run.CauseRunId, run.CauseStatus, run.CauseExitCode);

    public RunUpstream? UpstreamOf(string taskId, DateTimeOffset slot) => _upstreams.GetValueOrDefault((taskId, slot));

    /// <summary>The run's last attempt ended: its upstream is needed no more.</summary>
    public void Forget(string taskId, DateTimeOffset slot) => _upstreams.TryRemove((taskId, slot), out _);

    private static ChainUpstream Upstream(string taskId, ChainOutcome on, Snapshot snapshot)
    {
        // A failure counts at the upstream's last attempt, the one no retry follows.
        var lastAttempt = snapshot.Tasks.TryGetValue(taskId, out var task) ? task.Definition.Retry.Attempts + 1 : 1;
        return on switch
        {
            ChainOutcome.Success => new ChainUpstream(taskId, ["succeeded"], 0),
            ChainOutcome.Failure => new ChainUpstream(taskId, [], lastAttempt),
            _ => new ChainUpstream(taskId, ["succeeded", "cancelled"], lastAttempt),
        };
    }

    private sealed record Snapshot(FrozenDictionary<string, ScheduledTask[]> Followers, FrozenDictionary<string, ScheduledTask> Tasks);
}
