using Microsoft.EntityFrameworkCore;
using Scheduler.Definitions.Runs;

namespace Scheduler.State.Store;

public sealed partial class RunStore
{
    // Retention deletes in small statements, each its own transaction, so the engine's claims and
    // finishes never wait long behind it (SQLite has one writer at a time). Running runs are never deleted.

    /// <summary>Deletes ended runs that finished before <paramref name="cutoff"/>, oldest first; returns how many.</summary>
    public async Task<int> DeleteRunsOlderThanAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var total = 0;
        while (true)
        {
            await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
            var deleted = await db.Runs
                .Where(r => r.Status != RunStatus.Running && r.FinishedAt < cutoff)
                .OrderBy(r => r.Id)
                .Take(batchSize)
                .ExecuteDeleteAsync(cancellationToken);
            total += deleted;
            if (deleted < batchSize)
            {
                return total;
            }
        }
    }

    /// <summary>Keeps the newest <paramref name="keep"/> runs of each task and deletes older ended ones; returns how many.</summary>
    public async Task<int> DeleteRunsBeyondPerTaskAsync(int keep, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        List<string> taskIds;
        await using (var db = await _contexts.CreateDbContextAsync(cancellationToken))
        {
            taskIds = await db.Runs.Select(r => r.TaskId).Distinct().ToListAsync(cancellationToken);
        }

        var total = 0;
        foreach (var taskId in taskIds)
        {
            total += await DeleteBeyondAsync(taskId, keep, batchSize, cancellationToken);
        }

        return total;
    }

    /// <summary>
    /// Deletes audit entries (run now, cancel, definitions applied, tasks retired) recorded before
    /// <paramref name="cutoff"/>, oldest first, in batches; returns how many.
    /// </summary>
    public async Task<int> DeleteAuditOlderThanAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var total = 0;
        while (true)
        {
            await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
            var deleted = await db.Audit
                .Where(a => a.At < cutoff)
                .OrderBy(a => a.Id)
                .Take(batchSize)
                .ExecuteDeleteAsync(cancellationToken);
            total += deleted;
            if (deleted < batchSize)
            {
                return total;
            }
        }
    }

    /// <summary>Returns free pages to the file system (after a large retention pass).</summary>
    public async Task VacuumAsync(CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        await _provider.VacuumAsync(db, cancellationToken);
    }

    private async Task<int> DeleteBeyondAsync(string taskId, int keep, int batchSize, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);

        // The id of the keep-th newest run: everything older goes (ids grow with time).
        var oldestKept = await db.Runs
            .Where(r => r.TaskId == taskId)
            .OrderByDescending(r => r.Id)
            .Select(r => (long?)r.Id)
            .Skip(keep - 1)
            .FirstOrDefaultAsync(cancellationToken);
        if (oldestKept is not { } boundary)
        {
            return 0;
        }

        var total = 0;
        while (true)
        {
            var deleted = await db.Runs
                .Where(r => r.TaskId == taskId && r.Id < boundary && r.Status != RunStatus.Running)
                .OrderBy(r => r.Id)
                .Take(batchSize)
                .ExecuteDeleteAsync(cancellationToken);
            total += deleted;
            if (deleted < batchSize)
            {
                return total;
            }
        }
    }
}
