using Microsoft.EntityFrameworkCore;
using Scheduler.Definitions.Runs;
using Scheduler.State.Entities;

namespace Scheduler.State.Store;

/// <summary>
/// What the suspend rule and the notifications ask of a failure streak (the streak rule itself is <see cref="FailureStreak"/>:
/// a failure adds, a success resets, other ends keep). Read only when a run failed, never on the way to a run.
/// </summary>
public sealed partial class RunStore
{
    // A streak longer than this is reported as this long: the suspend limit is at most 1000 runs.
    private const int StreakReadLimit = 5000;

    /// <summary>
    /// The failed runs of the task's current streak, a run and its retries counting once (one slot), after the last
    /// success and after the run that last suspended the task (a resume starts the count afresh), up to run
    /// <paramref name="upTo"/> (the run whose end is being judged: later ends are judged on their own).
    /// </summary>
    public async Task<int> CountFailedRunsInStreakAsync(string taskId, long upTo, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var after = await StreakStartAsync(db, taskId, cancellationToken);
        var suspendedAt = await db.Audit.AsNoTracking()
            .Where(a => a.TaskId == taskId && a.Action == AuditActions.Suspend && a.RunId != null)
            .OrderByDescending(a => a.Id)
            .Select(a => a.RunId)
            .FirstOrDefaultAsync(cancellationToken) ?? 0;
        after = Math.Max(after, suspendedAt);
        var failed = await db.Runs.AsNoTracking()
            .Where(r => r.TaskId == taskId && r.Id > after && r.Id <= upTo && (r.Status == RunStatus.Failed || r.Status == RunStatus.TimedOut))
            .OrderByDescending(r => r.Id)
            .Take(StreakReadLimit)
            .Select(r => new { r.SlotUtc, r.Trigger })
            .ToListAsync(cancellationToken);
        return failed.Select(r => (r.SlotUtc, r.Trigger == RunTrigger.Retry ? RunTrigger.Schedule : r.Trigger)).Distinct().Count();
    }

    /// <summary>The definition revision of the first failed run of the task's current streak ("failing since abc1234"); null without one.</summary>
    public async Task<string?> StreakStartRevisionAsync(string taskId, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var after = await StreakStartAsync(db, taskId, cancellationToken);
        return await db.Runs.AsNoTracking()
            .Where(r => r.TaskId == taskId && r.Id > after && (r.Status == RunStatus.Failed || r.Status == RunStatus.TimedOut))
            .OrderBy(r => r.Id)
            .Select(r => r.Revision)
            .FirstOrDefaultAsync(cancellationToken);
    }

    // The id of the task's last success (0 when none): the streak is what failed after it.
    private static async Task<long> StreakStartAsync(SchedulerDbContext db, string taskId, CancellationToken cancellationToken) =>
        await db.Runs.AsNoTracking()
            .Where(r => r.TaskId == taskId && r.Status == RunStatus.Succeeded)
            .OrderByDescending(r => r.Id)
            .Select(r => (long?)r.Id)
            .FirstOrDefaultAsync(cancellationToken) ?? 0;
}
