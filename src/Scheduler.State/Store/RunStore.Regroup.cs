using Microsoft.EntityFrameworkCore;
using Scheduler.Definitions.Model;
using Scheduler.Definitions.Runs;

namespace Scheduler.State.Store;

/// <summary>
/// Runs that wait in a concurrency group whose task's definition changed while they waited. A group admits only its
/// members' runs, so a run left behind in a group its task no longer names would wait for ever.
/// </summary>
public sealed partial class RunStore
{
    /// <summary>
    /// Brings every <c>queued</c> run of a concurrency group in line with its task's definition as now applied
    /// (<paramref name="groupOf"/>: task id to its <c>concurrency</c>, null for none; tasks not in it are left alone):
    /// a task that names another group moves its waiting runs there (they keep their slot order), a changed limit
    /// rewrites what they say they wait for, and a task that names no group any more has them recorded <c>skipped</c>
    /// with the reason (nothing would start them). Each row moves only while still queued. Returns how many it moved.
    /// </summary>
    public async Task<int> RegroupQueuedAsync(IReadOnlyDictionary<string, ConcurrencyDefinition?> groupOf, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(groupOf);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var queued = await db.Runs.AsNoTracking()
            .Where(r => r.Status == RunStatus.Queued && r.ConcurrencyGroup != null)
            .Select(r => new { r.Id, r.TaskId, r.ConcurrencyGroup, r.Error })
            .ToListAsync(cancellationToken);
        var moved = 0;
        foreach (var run in queued)
        {
            if (!groupOf.TryGetValue(run.TaskId, out var group) || (group is not null && group.Group == run.ConcurrencyGroup && group.Waiting == run.Error))
            {
                continue;
            }

            var still = db.Runs.Where(r => r.Id == run.Id && r.Status == RunStatus.Queued);
            if (group is not null)
            {
                moved += await still.ExecuteUpdateAsync(s => s.SetProperty(r => r.ConcurrencyGroup, group.Group).SetProperty(r => r.Error, group.Waiting), cancellationToken);
                continue;
            }

            var reason = $"task {run.TaskId} left concurrency group {run.ConcurrencyGroup} while this run waited";
            if (await still.ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Skipped).SetProperty(r => r.FinishedAt, now).SetProperty(r => r.Error, reason), cancellationToken) > 0)
            {
                moved++;
                await db.Tasks.Where(t => t.Id == run.TaskId && t.LastRunId == run.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastRunStatus, RunStatus.Skipped).SetProperty(t => t.LastRunFinishedAt, now), cancellationToken);
            }
        }

        return moved;
    }
}
