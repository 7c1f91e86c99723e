using Microsoft.EntityFrameworkCore;
using Scheduler.Definitions.Runs;
using Scheduler.State.Entities;

namespace Scheduler.State.Store;

/// <summary>What replicas on one store ask of each other's runs: is a task running elsewhere, please cancel this run.</summary>
public sealed partial class RunStore
{
    /// <summary>
    /// The <c>running</c> runs of <paramref name="taskId"/> claimed by instances other than <paramref name="instance"/>,
    /// so that overlap policies hold across replicas, not only inside one process.
    /// </summary>
    public async Task<IReadOnlyList<RunRecord>> ListRunningElsewhereAsync(string taskId, string instance, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.Runs
            .AsNoTracking()
            .Where(r => r.TaskId == taskId && r.Status == RunStatus.Running && r.Instance != instance)
            .OrderBy(r => r.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The tasks with a <c>running</c> run claimed by another instance, in one query: the engine's batch of due
    /// claims leaves these to the one-by-one path, where the overlap policy sees the other instance's run.
    /// </summary>
    public async Task<IReadOnlySet<string>> ListTasksRunningElsewhereAsync(string instance, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var ids = await db.Runs
            .AsNoTracking()
            .Where(r => r.Status == RunStatus.Running && r.Instance != instance)
            .Select(r => r.TaskId)
            .Distinct()
            .ToListAsync(cancellationToken);
        return ids.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Asks the instance that owns running run <paramref name="runId"/> to cancel it (it polls for requests).
    /// False when the run is not running any more.
    /// </summary>
    public async Task<bool> RequestCancelAsync(long runId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var changed = await db.Runs
            .Where(r => r.Id == runId && r.Status == RunStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.CancelRequestedAt, at), cancellationToken);
        return changed > 0;
    }

    /// <summary>The running runs of <paramref name="instance"/> that another instance asked to cancel.</summary>
    public async Task<IReadOnlyList<long>> ListCancelRequestsAsync(string instance, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.Runs
            .Where(r => r.Status == RunStatus.Running && r.Instance == instance && r.CancelRequestedAt != null)
            .Select(r => r.Id)
            .ToListAsync(cancellationToken);
    }
}
