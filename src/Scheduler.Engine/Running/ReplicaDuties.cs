using Microsoft.Extensions.Logging;
using Scheduler.State.Store;

namespace Scheduler.Engine.Running;

/// <summary>
/// What one replica does for the others on a shared store, beside the loop: heartbeat; fence and recover a replica that
/// stopped heartbeating; keep the live set the due slots are spread over (<see cref="Share"/>); and, when this replica
/// finds itself fenced, stop what it still runs and rejoin as new. A loop busy with a slow claim or a burst must not
/// make a live replica look dead, so this runs apart from it and reaches it only through its inbox.
/// </summary>
internal sealed class ReplicaDuties(
    RunRecorder recorder,
    RunStore store,
    RunExecutor executor,
    Func<Func<Task<bool>>, Task<bool>> postToLoop,
    TimeProvider time,
    EngineOptions options,
    ILogger logger)
{
    public const string DeadInstanceReason = "its scheduler instance stopped heartbeating before the run finished";

    private const string FencedDetail = "its scheduler instance was fenced (presumed dead by another replica, which took the run over)";

    private static readonly TimeSpan MaxHeartbeatInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MinHeartbeatInterval = TimeSpan.FromMilliseconds(200);

    private DateTimeOffset? _lastBeat;

    /// <summary>Which due slots this replica claims first; the loop asks it for every task it plans.</summary>
    public SlotShare Share { get; } = new(options.Instance, options.ClaimGrace);

    /// <summary>Three heartbeats per lease (at most every 10 s): one late heartbeat, a GC pause or a slow write, does not make a live replica look dead.</summary>
    private TimeSpan HeartbeatInterval =>
        TimeSpan.FromTicks(Math.Clamp(options.InstanceLease.Ticks / 3, MinHeartbeatInterval.Ticks, MaxHeartbeatInterval.Ticks));

    public async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            await BeatAsync(stopping);
            await RefreshLiveAsync(stopping);
            while (true)
            {
                await Task.Delay(HeartbeatInterval, time, stopping);
                await BeatAsync(stopping);
                await RefreshLiveAsync(stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // serve is stopping; the last heartbeat stands until the lease runs out
        }
    }

    /// <summary>
    /// Heartbeats (under this replica's epoch), then fences the replicas silent past their lease and takes their runs over;
    /// but only while this replica kept its own lease: one that was cut off itself (a stall, the database away for all)
    /// cannot tell a dead replica from one that was cut off with it, and judges again once it has heartbeated.
    /// </summary>
    private async Task BeatAsync(CancellationToken stopping)
    {
        try
        {
            var now = time.GetUtcNow();
            var keptLease = _lastBeat is { } last && now - last <= options.InstanceLease;
            await store.HeartbeatAsync(options.Instance, EngineVersion.Text, now, stopping);
            _lastBeat = now;
            if (!keptLease)
            {
                return;
            }

            var fenced = await store.FenceDeadInstancesAsync(options.Instance, options.InstanceLease, now, stopping);
            if (fenced.Count > 0)
            {
                ReplicaLog.FencedOthers(logger, options.InstanceLease, string.Join(", ", fenced));
            }

            var recovered = await store.MarkInterruptedOfDeadInstancesAsync(options.Instance, options.InstanceLease, now, DeadInstanceReason, stopping);
            if (recovered.Count > 0)
            {
                EngineLog.DeadInstanceRunsInterrupted(logger, recovered.Count, options.InstanceLease);
            }
        }
        catch (InstanceFencedException e)
        {
            await RejoinAsync(e, stopping);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            EngineLog.StoreFailed(logger, e);
        }
    }

    /// <summary>
    /// This replica was presumed dead and its runs were taken over: what it still runs belongs to no one, so it is stopped
    /// (TERM, kill-grace, KILL, as a timeout stops it) and its ends change nothing (the runs are no longer running in the
    /// store). In the loop's turn, so no claim goes between the stop and the new registration.
    /// </summary>
    private async Task RejoinAsync(InstanceFencedException fenced, CancellationToken stopping)
    {
        ReplicaLog.Fenced(logger, options.Instance, fenced.Epoch, options.InstanceLease, executor.Count);
        try
        {
            await postToLoop(async () =>
            {
                executor.StopAll(StopReason.Shutdown, FencedDetail);
                await recorder.RecoverAsync(DeadInstanceReason, stopping);
                return true;
            }).WaitAsync(stopping); // a loop that stopped runs no more commands
            ReplicaLog.Rejoined(logger, options.Instance, store.EpochOf(options.Instance) ?? 0);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            EngineLog.StoreFailed(logger, e); // still fenced: the next heartbeat tries again
        }
    }

    /// <summary>The instances that heartbeated within the lease and are not fenced: the replicas the due slots are spread over.</summary>
    private async Task RefreshLiveAsync(CancellationToken stopping)
    {
        try
        {
            var now = time.GetUtcNow();
            var live = (await store.ListInstancesAsync(stopping))
                .Where(i => i.FencedAt is null && now - i.HeartbeatAt <= options.InstanceLease)
                .Select(i => i.Name);
            if (Share.Update(live))
            {
                ReplicaLog.Sharing(logger, Share.Live.Count, string.Join(", ", Share.Live));
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            EngineLog.StoreFailed(logger, e);
        }
    }
}
