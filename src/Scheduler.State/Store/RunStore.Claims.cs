using Microsoft.EntityFrameworkCore;
using Scheduler.Definitions.Runs;
using Scheduler.State.Entities;

namespace Scheduler.State.Store;

public sealed partial class RunStore
{
    /// <summary>
    /// Claims (task, slot, attempt) by inserting a <c>running</c> run. Returns its id, or null when the
    /// slot was already claimed (by this or another process): the loser does nothing.
    /// </summary>
    public Task<long?> TryClaimAsync(
        string taskId,
        DateTimeOffset slotUtc,
        int attempt,
        RunTrigger trigger,
        string revision,
        string instance,
        DateTimeOffset startedAt,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        return InsertClaimAsync(
            new RunRecord
            {
                TaskId = taskId,
                SlotUtc = slotUtc,
                Attempt = attempt,
                Trigger = trigger,
                Status = RunStatus.Running,
                StartedAt = startedAt,
                Revision = revision,
                Instance = instance,
            },
            cancellationToken);
    }

    /// <summary>
    /// Claims the slot's first attempt as a run born <c>skipped</c> (e.g. overlap: forbid), with the reason as
    /// its error. Null when the slot was already claimed. It does not replace the task's last-run summary.
    /// </summary>
    public Task<long?> TryRecordSkippedAsync(
        string taskId,
        DateTimeOffset slotUtc,
        RunTrigger trigger,
        string reason,
        string revision,
        string instance,
        DateTimeOffset at,
        CancellationToken cancellationToken) =>
        InsertClaimAsync(
            new RunRecord
            {
                TaskId = taskId,
                SlotUtc = slotUtc,
                Attempt = 1,
                Trigger = trigger,
                Status = RunStatus.Skipped,
                FinishedAt = at,
                Error = reason,
                Revision = revision,
                Instance = instance,
            },
            cancellationToken);

    private async Task<long?> InsertClaimAsync(RunRecord run, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Runs.Add(run);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (_provider.IsUniqueViolation(e))
        {
            return null;
        }

        if (AdvancesLastSlot(run.Trigger))
        {
            await AdvanceLastSlotAsync(db, run.TaskId, run.SlotUtc, cancellationToken);
        }

        if (run.Status == RunStatus.Running)
        {
            // Only a newer run replaces the summary, so two overlapping runs cannot swap it backwards.
            await db.Tasks
                .Where(t => t.Id == run.TaskId && (t.LastRunId == null || t.LastRunId < run.Id))
                .ExecuteUpdateAsync(
                    s => s
                        .SetProperty(t => t.LastRunId, run.Id)
                        .SetProperty(t => t.LastRunStatus, RunStatus.Running)
                        .SetProperty(t => t.LastRunStartedAt, run.StartedAt)
                        .SetProperty(t => t.LastRunFinishedAt, (DateTimeOffset?)null),
                    cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return run.Id;
    }
}
