using Microsoft.EntityFrameworkCore;
using Scheduler.Definitions.Runs;

namespace Scheduler.State.Store;

public sealed partial class RunStore
{
    /// <summary>
    /// Ends a run and updates its task's summary and failure streak (+1 on failed or timed-out, 0 on
    /// succeeded). False, and nothing changes, when the run is no longer <c>running</c>: someone else already
    /// marked it interrupted or cancelled, and that verdict stands.
    /// </summary>
    public async Task<bool> FinishAsync(
        long runId,
        RunStatus status,
        int? exitCode,
        string outputTail,
        long outputBytes,
        string? error,
        DateTimeOffset finishedAt,
        CancellationToken cancellationToken)
    {
        if (status == RunStatus.Running)
        {
            throw new ArgumentException("A run cannot finish as 'running'.", nameof(status));
        }

        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var taskId = await db.Runs.Where(r => r.Id == runId).Select(r => r.TaskId).FirstOrDefaultAsync(cancellationToken);
        if (taskId is null)
        {
            return false;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var finished = await db.Runs
            .Where(r => r.Id == runId && r.Status == RunStatus.Running)
            .ExecuteUpdateAsync(
                s => s
                    .SetProperty(r => r.Status, status)
                    .SetProperty(r => r.ExitCode, exitCode)
                    .SetProperty(r => r.OutputTail, outputTail)
                    .SetProperty(r => r.OutputBytes, outputBytes)
                    .SetProperty(r => r.Error, error)
                    .SetProperty(r => r.FinishedAt, finishedAt),
                cancellationToken);
        if (finished == 0)
        {
            return false;
        }

        var tasks = db.Tasks.Where(t => t.Id == taskId);
        if (status is RunStatus.Failed or RunStatus.TimedOut)
        {
            await tasks.ExecuteUpdateAsync(s => s.SetProperty(t => t.FailureStreak, t => t.FailureStreak + 1), cancellationToken);
        }
        else if (status == RunStatus.Succeeded)
        {
            await tasks.ExecuteUpdateAsync(s => s.SetProperty(t => t.FailureStreak, 0), cancellationToken);
        }

        await UpdateSummaryAsync(db, taskId, runId, status, finishedAt, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Stores the live output of a running run; false when it has already ended.</summary>
    public async Task<bool> UpdateOutputAsync(long runId, string outputTail, long outputBytes, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var updated = await db.Runs
            .Where(r => r.Id == runId && r.Status == RunStatus.Running)
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.OutputTail, outputTail).SetProperty(r => r.OutputBytes, outputBytes),
                cancellationToken);
        return updated > 0;
    }

    /// <summary>Moves the task's catch-up mark to <paramref name="slotUtc"/> (a slot deliberately passed); never backwards.</summary>
    public async Task AdvanceLastSlotAsync(string taskId, DateTimeOffset slotUtc, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        await AdvanceLastSlotAsync(db, taskId, slotUtc, cancellationToken);
    }

    public async Task SetNextSlotAsync(string taskId, DateTimeOffset? nextSlotUtc, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        await db.Tasks
            .Where(t => t.Id == taskId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.NextSlotUtc, nextSlotUtc), cancellationToken);
    }

    // The summary shows the newest run; an older run ending late must not overwrite it.
    private static Task<int> UpdateSummaryAsync(
        SchedulerDbContext db, string taskId, long runId, RunStatus status, DateTimeOffset finishedAt, CancellationToken cancellationToken) =>
        db.Tasks
            .Where(t => t.Id == taskId && t.LastRunId == runId)
            .ExecuteUpdateAsync(
                s => s.SetProperty(t => t.LastRunStatus, status).SetProperty(t => t.LastRunFinishedAt, finishedAt),
                cancellationToken);
}
