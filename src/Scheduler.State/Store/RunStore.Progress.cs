using Microsoft.EntityFrameworkCore;
using Scheduler.Definitions.Runs;

namespace Scheduler.State.Store;

public sealed partial class RunStore
{
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

    // The summary shows the newest run; an older run ending late must not overwrite it.
    private static Task<int> UpdateSummaryAsync(
        SchedulerDbContext db, string taskId, long runId, RunStatus status, DateTimeOffset finishedAt, CancellationToken cancellationToken) =>
        db.Tasks
            .Where(t => t.Id == taskId && t.LastRunId == runId)
            .ExecuteUpdateAsync(
                s => s.SetProperty(t => t.LastRunStatus, status).SetProperty(t => t.LastRunFinishedAt, finishedAt),
                cancellationToken);
}
