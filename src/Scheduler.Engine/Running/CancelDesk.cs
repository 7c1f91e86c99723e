using Microsoft.Extensions.Logging;
using Scheduler.Definitions.Runs;
using Scheduler.State.Store;

namespace Scheduler.Engine.Running;

/// <summary>
/// Cancel on request: a run of this process is stopped at once (as a timeout stops it); a run of another replica is
/// asked for through the store, and each replica polls for the requests that name its own runs.
/// </summary>
internal sealed class CancelDesk(RunExecutor executor, RunStore store, RunRecorder recorder, EngineOptions options, ILogger logger)
{
    // Cancel requests that reach another replica wait for the owner's poll; a second is quick enough for a click.
    private static readonly TimeSpan CancelPollInterval = TimeSpan.FromSeconds(1);

    private DateTimeOffset _nextCancelPoll;

    /// <summary>The concurrency groups, for a run that waits queued in one (the loop sets it).</summary>
    public GroupDesk? Groups { get; init; }

    /// <summary>When the next poll for other replicas' requests is due (the loop wakes for it while runs are active).</summary>
    public DateTimeOffset NextPoll => _nextCancelPoll;

    public async Task<CancelResult> CancelAsync(long runId, CancellationToken cancellationToken)
    {
        if (executor.Stop(runId, StopReason.Cancelled, "cancelled on request"))
        {
            return new CancelResult(CancelOutcome.Stopping);
        }

        var record = await store.GetRunAsync(runId, cancellationToken);
        return record switch
        {
            null => new CancelResult(CancelOutcome.NotFound, $"there is no run #{runId}"),
            { Status: RunStatus.Running } when record.Instance != options.Instance =>
                await recorder.RequestCancelAsync(runId, cancellationToken)
                    ? new CancelResult(CancelOutcome.Stopping, $"run #{runId} runs in instance '{record.Instance}', which was asked to stop it")
                    : new CancelResult(CancelOutcome.Refused, $"run #{runId} ended before it could be cancelled"),
            { Status: RunStatus.Running } => new CancelResult(CancelOutcome.Refused, $"run #{runId} is not active in this process (it is being recovered)"),
            { Status: RunStatus.Queued, ConcurrencyGroup: { } group } when Groups is not null =>
                await Groups.CancelQueuedAsync(runId, cancellationToken)
                    ? new CancelResult(CancelOutcome.Stopping, $"run #{runId} was waiting for a place in group {group}: it is cancelled and will not start")
                    : new CancelResult(CancelOutcome.Refused, $"run #{runId} left the group's queue before it could be cancelled"),
            _ => new CancelResult(CancelOutcome.Refused, $"run #{runId} already ended ({RunNames.Of(record.Status)})"),
        };
    }

    public async Task PollIfDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Only runs of this process can be asked for; with none active there is nothing to look up.
        if (now < _nextCancelPoll || executor.Count == 0)
        {
            return;
        }

        _nextCancelPoll = now + CancelPollInterval;
        try
        {
            foreach (var runId in (await store.ListCancelRequestsAsync(options.Instance, cancellationToken)).Where(executor.HasActive))
            {
                EngineLog.CancelRequestedElsewhere(logger, runId);
                executor.Stop(runId, StopReason.Cancelled, "cancelled on request");
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            EngineLog.StoreFailed(logger, e);
        }
    }
}
