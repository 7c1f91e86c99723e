using Scheduler.Engine.Running;

namespace Scheduler.Engine;

/// <summary>
/// What one replica does for the others on a shared store: heartbeat, recover the runs of a replica that
/// stopped heartbeating, and stop its own runs when another replica was asked to cancel them.
/// </summary>
public sealed partial class SchedulerEngine
{
    // Cancel requests that reach another replica wait for the owner's poll; a second is quick enough for a click.
    private static readonly TimeSpan CancelPollInterval = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan MaxHeartbeatInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MinHeartbeatInterval = TimeSpan.FromMilliseconds(200);

    private const string DeadInstanceReason = "its scheduler instance stopped heartbeating before the run finished";

    private DateTimeOffset _nextCancelPoll;

    /// <summary>
    /// Three heartbeats per lease (at most every 10 s): one late heartbeat, a GC pause or a slow write, does not
    /// make a live replica look dead.
    /// </summary>
    private TimeSpan HeartbeatInterval =>
        TimeSpan.FromTicks(Math.Clamp(_options.InstanceLease.Ticks / 3, MinHeartbeatInterval.Ticks, MaxHeartbeatInterval.Ticks));

    /// <summary>
    /// Heartbeats and recovers silent replicas' runs on its own, beside the engine loop: a loop busy with a slow
    /// claim or a burst of slots must not make a live replica look dead to the others.
    /// </summary>
    private async Task HeartbeatLoopAsync(CancellationToken stopping)
    {
        try
        {
            while (true)
            {
                await Task.Delay(HeartbeatInterval, _time, stopping);
                var now = _time.GetUtcNow();
                await GuardAsync(() => _store.HeartbeatAsync(_options.Instance, EngineVersion.Text, now, stopping));
                await GuardAsync(async () =>
                {
                    var recovered = await _store.MarkInterruptedOfDeadInstancesAsync(
                        _options.Instance, _options.InstanceLease, now, DeadInstanceReason, stopping);
                    if (recovered.Count > 0)
                    {
                        EngineLog.DeadInstanceRunsInterrupted(_logger, recovered.Count, _options.InstanceLease);
                    }
                });
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // serve is stopping; the last heartbeat stands until the lease runs out
        }
    }

    private async Task PollCancelRequestsIfDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Only runs of this process can be asked for; with none active there is nothing to look up.
        if (now < _nextCancelPoll || _active.Count == 0)
        {
            return;
        }

        _nextCancelPoll = now + CancelPollInterval;
        await GuardAsync(async () =>
        {
            var requested = await _store.ListCancelRequestsAsync(_options.Instance, cancellationToken);
            foreach (var runId in requested.Where(id => _active.TryGetValue(id, out var run) && run.StopReason is null))
            {
                EngineLog.CancelRequestedElsewhere(_logger, runId);
                await CancelCoreAsync(runId, cancellationToken);
            }
        });
    }

    /// <summary>A run that another replica owns: ask it, through the store, to stop the run.</summary>
    private async Task<CancelResult> RequestCancelElsewhereAsync(long runId, string owner, CancellationToken cancellationToken) =>
        await _store.RequestCancelAsync(runId, _time.GetUtcNow(), cancellationToken)
            ? new CancelResult(CancelOutcome.Stopping, $"run #{runId} runs in instance '{owner}', which was asked to stop it")
            : new CancelResult(CancelOutcome.Refused, $"run #{runId} ended before it could be cancelled");
}
