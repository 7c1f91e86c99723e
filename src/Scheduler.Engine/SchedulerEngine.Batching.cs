using Scheduler.Engine.Running;
using Scheduler.State.Store;

namespace Scheduler.Engine;

/// <summary>
/// Claiming the due runs of a tick together. A burst of thousands of tasks due at the same second is claimed in
/// transactions of <see cref="ClaimBatch.Capacity"/> runs, and each transaction's runs start as soon as it commits:
/// still claimed and recorded before they start, but at a commit per batch instead of several per run.
/// </summary>
public sealed partial class SchedulerEngine
{
    private async Task ClaimAndStartAsync(ClaimBatch batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        // A run's start is recorded as the moment of its claim, as for a single dispatch.
        var claimedAt = _time.GetUtcNow();
        var claims = batch.Claims.Select(c => c with { StartedAt = claimedAt }).ToList();
        long?[] ids;
        try
        {
            ids = await _store.ClaimBatchAsync(claims, batch.Advances, _options.Instance, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Nothing of the batch was claimed or advanced (one transaction): the store keeps the old catch-up
            // mark, so a restart catches these slots up; this process logs and goes on with the next tick.
            EngineLog.StoreFailed(_logger, e);
            batch.Clear();
            return;
        }

        for (var i = 0; i < ids.Length; i++)
        {
            var claim = claims[i];
            if (ids[i] is not { } id)
            {
                EngineLog.ClaimLost(_logger, claim.TaskId, claim.SlotUtc, claim.Attempt);
                continue;
            }

            if (claim.SkipReason is { } reason)
            {
                EngineLog.SlotSkipped(_logger, claim.TaskId, claim.SlotUtc, reason);
                PublishSkipped(batch.Tasks[i], id, claim.SlotUtc, claim.Trigger, reason, claimedAt);
                continue;
            }

            Admit(new ActiveRun(batch.Tasks[i], id, claim.SlotUtc, claim.Attempt, claim.Trigger, _options.OutputTailBytes));
        }

        batch.Clear();
    }
}
