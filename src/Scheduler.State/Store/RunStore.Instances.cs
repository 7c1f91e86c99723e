using Microsoft.EntityFrameworkCore;
using Scheduler.Definitions.Runs;
using Scheduler.State.Entities;

namespace Scheduler.State.Store;

public sealed partial class RunStore
{
    /// <summary>Records that <paramref name="instance"/> (re)started: its start time and a first heartbeat.</summary>
    public Task StartInstanceAsync(string instance, string version, DateTimeOffset startedAt, CancellationToken cancellationToken) =>
        UpsertInstanceAsync(instance, version, startedAt, restarted: true, cancellationToken);

    /// <summary>Says <paramref name="instance"/> is alive at <paramref name="now"/>; registers it when unknown.</summary>
    public Task HeartbeatAsync(string instance, string version, DateTimeOffset now, CancellationToken cancellationToken) =>
        UpsertInstanceAsync(instance, version, now, restarted: false, cancellationToken);

    /// <summary>
    /// Marks every <c>running</c> run of <paramref name="instance"/> as <c>interrupted</c> (its own leftovers
    /// at start-up, or its runs at shutdown). Returns the ids it changed.
    /// </summary>
    public async Task<IReadOnlyList<long>> MarkInterruptedAsync(
        string instance, DateTimeOffset at, string reason, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var runs = await db.Runs
            .Where(r => r.Status == RunStatus.Running && r.Instance == instance)
            .Select(r => new { r.Id, r.TaskId })
            .ToListAsync(cancellationToken);
        return await InterruptAsync(db, runs.Select(r => (r.Id, r.TaskId)), at, reason, cancellationToken);
    }

    /// <summary>
    /// Marks as <c>interrupted</c> the <c>running</c> runs of every other instance that has not heartbeated
    /// within <paramref name="lease"/> before <paramref name="now"/> (or never registered). Returns the ids it changed.
    /// </summary>
    public async Task<IReadOnlyList<long>> MarkInterruptedOfDeadInstancesAsync(
        string callerInstance, TimeSpan lease, DateTimeOffset now, string reason, CancellationToken cancellationToken)
    {
        var aliveSince = now - lease;
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var runs = await db.Runs
            .Where(r => r.Status == RunStatus.Running
                && r.Instance != callerInstance
                && !db.Instances.Any(i => i.Name == r.Instance && i.HeartbeatAt >= aliveSince))
            .Select(r => new { r.Id, r.TaskId })
            .ToListAsync(cancellationToken);
        return await InterruptAsync(db, runs.Select(r => (r.Id, r.TaskId)), now, reason, cancellationToken);
    }

    // One short transaction per run, each conditional on the run still running: a run that finished
    // meanwhile keeps its real outcome.
    private static async Task<IReadOnlyList<long>> InterruptAsync(
        SchedulerDbContext db, IEnumerable<(long Id, string TaskId)> runs, DateTimeOffset at, string reason, CancellationToken cancellationToken)
    {
        var interrupted = new List<long>();
        foreach (var (id, taskId) in runs)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var changed = await db.Runs
                .Where(r => r.Id == id && r.Status == RunStatus.Running)
                .ExecuteUpdateAsync(
                    s => s
                        .SetProperty(r => r.Status, RunStatus.Interrupted)
                        .SetProperty(r => r.FinishedAt, at)
                        .SetProperty(r => r.Error, reason),
                    cancellationToken);
            if (changed == 0)
            {
                continue;
            }

            await UpdateSummaryAsync(db, taskId, id, RunStatus.Interrupted, at, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            interrupted.Add(id);
        }

        return interrupted;
    }

    private async Task UpsertInstanceAsync(
        string instance, string version, DateTimeOffset at, bool restarted, CancellationToken cancellationToken)
    {
        // Update first, insert when missing; a racing insert of the same name falls back to the update.
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
            var rows = db.Instances.Where(i => i.Name == instance);
            var updated = restarted
                ? await rows.ExecuteUpdateAsync(
                    s => s.SetProperty(i => i.StartedAt, at).SetProperty(i => i.HeartbeatAt, at).SetProperty(i => i.Version, version),
                    cancellationToken)
                : await rows.ExecuteUpdateAsync(
                    s => s.SetProperty(i => i.HeartbeatAt, at).SetProperty(i => i.Version, version),
                    cancellationToken);
            if (updated > 0)
            {
                return;
            }

            db.Instances.Add(new InstanceRecord { Name = instance, StartedAt = at, HeartbeatAt = at, Version = version });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException e) when (attempt == 0 && _provider.IsUniqueViolation(e))
            {
                // Someone registered it between our update and insert: go round once more and update.
            }
        }
    }
}
