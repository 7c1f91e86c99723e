namespace Scheduler.Engine.Running;

/// <summary>
/// What one replica does for the others on a shared store, beside the loop: heartbeat, and recover the runs of a
/// replica that stopped heartbeating. A loop busy with a slow claim or a burst must not make a live replica look dead.
/// </summary>
internal sealed class ReplicaDuties(RunRecorder recorder, TimeProvider time, EngineOptions options)
{
    public const string DeadInstanceReason = "its scheduler instance stopped heartbeating before the run finished";

    private static readonly TimeSpan MaxHeartbeatInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MinHeartbeatInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>Three heartbeats per lease (at most every 10 s): one late heartbeat, a GC pause or a slow write, does not make a live replica look dead.</summary>
    private TimeSpan HeartbeatInterval =>
        TimeSpan.FromTicks(Math.Clamp(options.InstanceLease.Ticks / 3, MinHeartbeatInterval.Ticks, MaxHeartbeatInterval.Ticks));

    public async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            while (true)
            {
                await Task.Delay(HeartbeatInterval, time, stopping);
                await recorder.HeartbeatAsync(DeadInstanceReason, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // serve is stopping; the last heartbeat stands until the lease runs out
        }
    }
}
