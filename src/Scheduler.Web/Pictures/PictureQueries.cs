using Microsoft.EntityFrameworkCore;
using Scheduler.Definitions.Runs;
using Scheduler.State.Store;

namespace Scheduler.Web.Pictures;

/// <summary>
/// The reads behind the pictures of time (<c>/timeline</c>, <c>/failures</c>, the task page's daily durations).
/// Each reads only the columns it draws, and walks the runs from the newest by primary key, so its cost follows
/// the recent runs, not the million rows of history.
/// </summary>
internal sealed class PictureQueries(SchedulerStore store)
{
    private static readonly RunStatus[] Failures = [RunStatus.Failed, RunStatus.TimedOut, RunStatus.Interrupted];

    /// <summary>Runs whose slot or start is at or after <paramref name="from"/>, of <paramref name="taskIds"/> (null: of all tasks), at most <paramref name="limit"/>, newest first.</summary>
    public async Task<IReadOnlyList<RunBrief>> RunsSinceAsync(DateTimeOffset from, int limit, IReadOnlyCollection<string>? taskIds, CancellationToken cancellationToken)
    {
        await using var db = await store.Contexts.CreateDbContextAsync(cancellationToken);
        // Ids grow with time: the newest run whose slot is older than `from` bounds the scan from below. Its search
        // walks back from the newest run and stops at the first old one, so it costs the recent runs only.
        var floor = await db.Runs.AsNoTracking()
            .Where(r => r.SlotUtc < from)
            .OrderByDescending(r => r.Id)
            .Select(r => (long?)r.Id)
            .FirstOrDefaultAsync(cancellationToken) ?? 0;
        var recent = db.Runs.AsNoTracking().Where(r => r.Id > floor);
        if (taskIds is not null)
        {
            recent = recent.Where(r => taskIds.Contains(r.TaskId));
        }

        return await recent
            .OrderByDescending(r => r.Id)
            .Take(limit)
            .Select(r => new RunBrief(r.Id, r.TaskId, r.Status, r.Trigger, r.SlotUtc, r.StartedAt, r.FinishedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The latest failed, timed-out and interrupted runs across all tasks, newest first.</summary>
    public async Task<IReadOnlyList<FailedRun>> LatestFailuresAsync(int limit, CancellationToken cancellationToken)
    {
        await using var db = await store.Contexts.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AsNoTracking()
            .Where(r => Failures.Contains(r.Status))
            .OrderByDescending(r => r.Id)
            .Take(limit)
            .Select(r => new FailedRun(r.Id, r.TaskId, r.Status, r.SlotUtc, r.StartedAt, r.ExitCode, r.Error, r.OutputTail))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Start and end of a task's finished runs whose slot is at or after <paramref name="from"/>, the latest <paramref name="limit"/> by slot.</summary>
    /// <remarks>
    /// Newest by slot, not by id: the (TaskId, SlotUtc, Attempt) index the range needs then also gives the order, and
    /// the read stops after <paramref name="limit"/> rows; ordered by id, SQLite read every run of the 30 days (8,800 for
    /// a task that runs every 5 minutes) into a temporary b-tree to sort them.
    /// </remarks>
    public async Task<IReadOnlyList<(DateTimeOffset Started, DateTimeOffset Finished)>> DurationsSinceAsync(
        string taskId, DateTimeOffset from, int limit, CancellationToken cancellationToken)
    {
        await using var db = await store.Contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Runs.AsNoTracking()
            .Where(r => r.TaskId == taskId && r.StartedAt != null && r.FinishedAt != null && r.SlotUtc >= from)
            .OrderByDescending(r => r.SlotUtc)
            .Take(limit)
            .Select(r => new { r.StartedAt, r.FinishedAt })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.StartedAt!.Value, r.FinishedAt!.Value))];
    }
}
