using Microsoft.EntityFrameworkCore;
using Scheduler.State.Entities;

namespace Scheduler.State.Store;

/// <summary>Pauses: put, lifted, listed. Each change is audited in the same transaction, so a pause is never unaccounted for.</summary>
public sealed partial class RunStore
{
    /// <summary>Every pause row, expired ones included (the reader decides with <see cref="PauseTargets.InForce"/>). A small table: one read.</summary>
    public async Task<IReadOnlyList<PauseRecord>> ListPausesAsync(CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.Pauses.AsNoTracking().OrderBy(p => p.Target).ToListAsync(cancellationToken);
    }

    /// <summary>Puts (or replaces) the pause on <see cref="PauseRecord.Target"/> and audits it as <paramref name="action"/> for <paramref name="taskIds"/>.</summary>
    public async Task PauseAsync(PauseRecord pause, string action, IReadOnlyList<string> taskIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pause);
        ArgumentNullException.ThrowIfNull(taskIds);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Pauses.Where(p => p.Target == pause.Target).ExecuteDeleteAsync(cancellationToken); // a write first (see the class remarks)
        db.Pauses.Add(pause);
        db.Audit.Add(new AuditRecord
        {
            At = pause.SinceUtc,
            Action = action,
            TaskId = taskIds.Count == 1 && taskIds[0] == pause.Target ? pause.Target : null,
            RunId = pause.RunId,
            Actor = pause.By,
            Result = "paused",
            Detail = Describe(pause, taskIds),
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Lifts the pause on <paramref name="target"/> and every narrower one under it (a folder's tasks and subfolders;
    /// for <c>*</c> every pause), audited. Returns the targets lifted.
    /// </summary>
    public async Task<IReadOnlyList<string>> ResumeAsync(string target, string actor, DateTimeOffset at, string detail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var folder = target == PauseTargets.Everything || target.EndsWith('/');
        var lifted = (await db.Pauses.AsNoTracking().Select(p => p.Target).ToListAsync(cancellationToken))
            .Where(t => t == target || (folder && (target == PauseTargets.Everything || t.StartsWith(target, StringComparison.Ordinal))))
            .ToList();

        // The read above is outside the transaction: on SQLite a transaction that writes starts with a write.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (lifted.Count > 0)
        {
            await db.Pauses.Where(p => lifted.Contains(p.Target)).ExecuteDeleteAsync(cancellationToken);
            db.Audit.Add(new AuditRecord
            {
                At = at,
                Action = AuditActions.Resume,
                TaskId = target.EndsWith('/') || target == PauseTargets.Everything ? null : target,
                Actor = actor,
                Result = "resumed",
                Detail = detail,
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return lifted;
    }

    private static string Describe(PauseRecord pause, IReadOnlyList<string> taskIds)
    {
        var until = pause.UntilUtc is { } u ? $" until {u.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}" : "";
        var tasks = taskIds.Count <= 10 ? string.Join(", ", taskIds) : $"{string.Join(", ", taskIds.Take(10))} and {taskIds.Count - 10} more";
        return $"{pause.Target}{until}: {pause.Reason} ({taskIds.Count} task(s){(taskIds.Count > 0 ? ": " + tasks : "")})";
    }
}
