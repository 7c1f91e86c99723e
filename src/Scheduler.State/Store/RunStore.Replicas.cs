using Microsoft.EntityFrameworkCore;
using Scheduler.Definitions.Runs;

namespace Scheduler.State.Store;

/// <summary>What replicas on one store ask of each other's runs: is a task running elsewhere, please cancel this run.</summary>
public sealed partial class RunStore
{
    /// <summary>
    /// The <c>running</c> runs claimed by instances other than <paramref name="instance"/>, in one query, so that
    /// overlap policies hold across replicas, not only inside one process (none on a store of one).
    /// </summary>
    public async Task<IReadOnlyList<RunningRun>> ListRunningElsewhereAsync(string instance, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.Runs
            .AsNoTracking()
            .Where(r => r.Status == RunStatus.Running && r.Instance != instance)
            .OrderBy(r => r.Id)
            .Select(r => new RunningRun(r.Id, r.TaskId, r.Instance, r.SlotUtc, r.Attempt, r.Trigger))
            .ToListAsync(cancellationToken);
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
