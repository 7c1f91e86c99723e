using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Scheduler.Definitions.Runs;
using Scheduler.State.Entities;

namespace Scheduler.State.Store;

public sealed partial class RunStore
{
    /// <summary>
    /// Chained runs queued with their upstream's end but not claimed yet (a crash between the two, or a replica that
    /// died), whose slot is at or before <paramref name="queuedBefore"/>, oldest first, each with the upstream run that caused it.
    /// Runs of a retired task are left out: no replica runs them, and the reconciler ends them (<see cref="SkipQueuedOfRetiredAsync"/>).
    /// </summary>
    public async Task<IReadOnlyList<ChainedRun>> ListQueuedChainedAsync(DateTimeOffset queuedBefore, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Runs.AsNoTracking()
            .Where(r => r.Status == RunStatus.Queued && r.Trigger == RunTrigger.After && r.SlotUtc <= queuedBefore && r.ConcurrencyGroup == null)
            .Where(r => !db.Tasks.Any(t => t.Id == r.TaskId && t.State == TaskState.Retired))
            .OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.TaskId, r.SlotUtc, r.UpstreamRunIds })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return [];
        }

        return await CausesAsync(db, [.. rows.Select(r => (r.Id, r.TaskId, r.SlotUtc, r.UpstreamRunIds))], cancellationToken);
    }

    /// <summary>
    /// The chained runs (trigger <c>after</c>, first attempts) of the given (task, slot) pairs, each with the upstream run
    /// that caused it: what a retry after a restart, or a run a group admitted on another replica, needs to see its upstream.
    /// </summary>
    public async Task<IReadOnlyList<ChainedRun>> FindChainCausesAsync(IReadOnlyCollection<(string TaskId, DateTimeOffset SlotUtc)> runs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
        {
            return [];
        }

        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var taskIds = runs.Select(r => r.TaskId).Distinct(StringComparer.Ordinal).ToList();
        var wanted = runs.ToHashSet();
        var (from, to) = (runs.Min(r => r.SlotUtc), runs.Max(r => r.SlotUtc));
        var rows = (await db.Runs.AsNoTracking()
            .Where(r => r.Trigger == RunTrigger.After && r.UpstreamRunIds != null && taskIds.Contains(r.TaskId) && r.SlotUtc >= from && r.SlotUtc <= to)
            .OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.TaskId, r.SlotUtc, r.UpstreamRunIds })
            .ToListAsync(cancellationToken))
            .Where(r => wanted.Contains((r.TaskId, r.SlotUtc)))
            .Select(r => (r.Id, r.TaskId, r.SlotUtc, r.UpstreamRunIds))
            .ToList();
        return rows.Count == 0 ? [] : await CausesAsync(db, rows, cancellationToken);
    }

    private static async Task<IReadOnlyList<ChainedRun>> CausesAsync(
        SchedulerDbContext db, List<(long Id, string TaskId, DateTimeOffset SlotUtc, string? UpstreamRunIds)> rows, CancellationToken cancellationToken)
    {
        var upstreamIds = rows.SelectMany(r => Ids(r.UpstreamRunIds)).Distinct().ToList();
        var upstreams = await db.Runs.AsNoTracking()
            .Where(r => upstreamIds.Contains(r.Id))
            .Select(r => new { r.Id, r.TaskId, r.Status, r.ExitCode, r.FinishedAt })
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        var found = new List<ChainedRun>(rows.Count);
        foreach (var row in rows)
        {
            // The cause is the upstream run that ended last: for a chain waiting for all, the one that completed the set.
            var cause = Ids(row.UpstreamRunIds).Where(upstreams.ContainsKey).Select(id => upstreams[id])
                .OrderBy(u => u.FinishedAt).ThenBy(u => u.Id).LastOrDefault();
            found.Add(cause is null
                ? new ChainedRun(row.Id, row.TaskId, row.SlotUtc, row.UpstreamRunIds ?? "", 0, "", "", null)
                : new ChainedRun(row.Id, row.TaskId, row.SlotUtc, row.UpstreamRunIds ?? "", cause.Id, cause.TaskId, RunNames.Of(cause.Status), cause.ExitCode));
        }

        return found;
    }

    private static IEnumerable<long> Ids(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(id => long.Parse(id, CultureInfo.InvariantCulture));
}
