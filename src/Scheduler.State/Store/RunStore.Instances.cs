using Microsoft.EntityFrameworkCore;
using Scheduler.Definitions.Runs;
using Scheduler.State.Entities;

namespace Scheduler.State.Store;

public sealed partial class RunStore
{
    /// <summary>
    /// Records that <paramref name="instance"/> (re)started, or rejoins after it was fenced: its start time, a first
    /// heartbeat and a new fencing epoch, which its claims and ends carry from here (<see cref="EpochOf"/>). Returns the epoch.
    /// </summary>
    public async Task<long> StartInstanceAsync(string instance, string version, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var epoch = await RegisterInstanceAsync(instance, version, startedAt, cancellationToken);
        _epochs[instance] = epoch;
        return epoch;
    }

    /// <summary>
    /// Says <paramref name="instance"/> is alive at <paramref name="now"/>; registers it when unknown. An instance that
    /// registered here heartbeats only under its epoch: once fenced it gets <see cref="InstanceFencedException"/> instead
    /// of looking alive again, and must register anew.
    /// </summary>
    public async Task HeartbeatAsync(string instance, string version, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!_epochs.TryGetValue(instance, out var epoch))
        {
            await UpsertInstanceAsync(instance, version, now, cancellationToken);
            return;
        }

        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var updated = await db.Instances
            .Where(i => i.Name == instance && i.Epoch == epoch)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.HeartbeatAt, now).SetProperty(i => i.Version, version), cancellationToken);
        if (updated == 0)
        {
            throw new InstanceFencedException(instance, epoch);
        }
    }

    /// <summary>
    /// Declares dead every other instance that has not heartbeated within <paramref name="lease"/> before
    /// <paramref name="now"/> and is not declared so yet: bumps its epoch, so its late claims and ends are refused.
    /// Returns their names. Done before its runs are taken over (see <see cref="RunStore.FenceAsync(System.Data.Common.DbConnection, System.Data.Common.DbTransaction, string, CancellationToken)"/>).
    /// </summary>
    public async Task<IReadOnlyList<string>> FenceDeadInstancesAsync(
        string callerInstance, TimeSpan lease, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var aliveSince = now - lease;
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var silent = await db.Instances
            .Where(i => i.Name != callerInstance && i.HeartbeatAt < aliveSince && i.FencedAt == null)
            .Select(i => i.Name)
            .ToListAsync(cancellationToken);
        var fenced = new List<string>(silent.Count);
        foreach (var name in silent)
        {
            // Conditional on the silence still holding: an instance that heartbeated or registered meanwhile keeps its epoch.
            var changed = await db.Instances
                .Where(i => i.Name == name && i.HeartbeatAt < aliveSince && i.FencedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.Epoch, i => i.Epoch + 1).SetProperty(i => i.FencedAt, now), cancellationToken);
            if (changed > 0)
            {
                fenced.Add(name);
            }
        }

        return fenced;
    }

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
        // Fence first, then take over: a claim or end of the dead instance that commits after the fence is refused,
        // one that committed before it is among the runs read below.
        await FenceDeadInstancesAsync(callerInstance, lease, now, cancellationToken);
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

    /// <summary>Sets the start, a heartbeat and the next epoch of <paramref name="instance"/> (1 for a new one), in one transaction; returns the epoch.</summary>
    private async Task<long> RegisterInstanceAsync(string instance, string version, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // Update first, insert when missing; a racing insert of the same name falls back to the update.
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                var rows = db.Instances.Where(i => i.Name == instance);
                var updated = await rows.ExecuteUpdateAsync(
                    s => s
                        .SetProperty(i => i.StartedAt, at)
                        .SetProperty(i => i.HeartbeatAt, at)
                        .SetProperty(i => i.Version, version)
                        .SetProperty(i => i.Epoch, i => i.Epoch + 1)
                        .SetProperty(i => i.FencedAt, (DateTimeOffset?)null),
                    cancellationToken);
                if (updated > 0)
                {
                    var epoch = await rows.Select(i => i.Epoch).SingleAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    return epoch;
                }
            }

            db.Instances.Add(new InstanceRecord { Name = instance, StartedAt = at, HeartbeatAt = at, Version = version, Epoch = 1 });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return 1;
            }
            catch (DbUpdateException e) when (attempt == 0 && _provider.IsUniqueViolation(e))
            {
                // Someone registered it between our update and insert: go round once more and update.
            }
        }
    }

    /// <summary>A heartbeat of an instance that never registered in this process: update, or insert when missing (unfenced).</summary>
    private async Task UpsertInstanceAsync(string instance, string version, DateTimeOffset at, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
            var updated = await db.Instances
                .Where(i => i.Name == instance)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.HeartbeatAt, at).SetProperty(i => i.Version, version), cancellationToken);
            if (updated > 0)
            {
                return;
            }

            db.Instances.Add(new InstanceRecord { Name = instance, StartedAt = at, HeartbeatAt = at, Version = version, Epoch = 1 });
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
