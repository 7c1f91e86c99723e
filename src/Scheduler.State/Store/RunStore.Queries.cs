using Microsoft.EntityFrameworkCore;
using Scheduler.Definitions.Runs;
using Scheduler.State.Entities;

namespace Scheduler.State.Store;

public sealed partial class RunStore
{
    public async Task<TaskRecord?> GetTaskAsync(string taskId, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, cancellationToken);
    }

    /// <summary>All tasks, retired ones included, ordered by id.</summary>
    public async Task<IReadOnlyList<TaskRecord>> ListTasksAsync(CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.Tasks.AsNoTracking().OrderBy(t => t.Id).ToListAsync(cancellationToken);
    }

    public async Task<RunRecord?> GetRunAsync(long runId, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
    }

    /// <summary>
    /// Runs newest first, of one task or all. Keyset paging: pass the last id of a page as
    /// <paramref name="beforeId"/> for the next one; new runs arriving meanwhile do not shift the pages.
    /// </summary>
    public async Task<IReadOnlyList<RunRecord>> ListRunsAsync(
        string? taskId, int limit, long? beforeId, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var runs = db.Runs.AsNoTracking();
        if (taskId is not null)
        {
            runs = runs.Where(r => r.TaskId == taskId);
        }

        if (beforeId is { } before)
        {
            runs = runs.Where(r => r.Id < before);
        }

        return await runs.OrderByDescending(r => r.Id).Take(limit).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<RunRecord>> ListRunningAsync(CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AsNoTracking()
            .Where(r => r.Status == RunStatus.Running)
            .OrderBy(r => r.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The latest attempt of each (task, slot) at or after <paramref name="sinceSlotUtc"/> that failed or timed
    /// out: the candidates for a retry. Whether attempts remain is the engine's call.
    /// </summary>
    public async Task<IReadOnlyList<RunRecord>> FindPendingRetriesAsync(DateTimeOffset sinceSlotUtc, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AsNoTracking()
            .Where(r => r.SlotUtc >= sinceSlotUtc
                && (r.Status == RunStatus.Failed || r.Status == RunStatus.TimedOut)
                && !db.Runs.Any(later => later.TaskId == r.TaskId && later.SlotUtc == r.SlotUtc && later.Attempt > r.Attempt))
            .OrderBy(r => r.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The diagnostics of the latest attempted definition set, by file and position.</summary>
    public async Task<IReadOnlyList<ConfigErrorRecord>> ListConfigErrorsAsync(CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.ConfigErrors.AsNoTracking()
            .OrderBy(e => e.File).ThenBy(e => e.Line).ThenBy(e => e.Column).ThenBy(e => e.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Audit entries newest first, keyset-paged like <see cref="ListRunsAsync"/>.</summary>
    public async Task<IReadOnlyList<AuditRecord>> ListAuditAsync(int limit, long? beforeId, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var audit = db.Audit.AsNoTracking();
        if (beforeId is { } before)
        {
            audit = audit.Where(a => a.Id < before);
        }

        return await audit.OrderByDescending(a => a.Id).Take(limit).ToListAsync(cancellationToken);
    }

    /// <summary>The audit entries of one task newest first, keyset-paged like <see cref="ListRunsAsync"/>.</summary>
    public async Task<IReadOnlyList<AuditRecord>> ListAuditAsync(string taskId, int limit, long? beforeId, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var audit = db.Audit.AsNoTracking().Where(a => a.TaskId == taskId);
        if (beforeId is { } before)
        {
            audit = audit.Where(a => a.Id < before);
        }

        return await audit.OrderByDescending(a => a.Id).Take(limit).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<InstanceRecord>> ListInstancesAsync(CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.Instances.AsNoTracking().OrderBy(i => i.Name).ToListAsync(cancellationToken);
    }
}
