using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Scheduler.State.Entities;

namespace Scheduler.State.Store;

public sealed partial class RunStore
{
    private const string Reconciler = "reconciler";

    /// <summary>
    /// Stores a valid definition: a new task, or a new version (hash) of a known one, which also writes a
    /// <c>config-applied</c> audit entry. Either way it clears the config error and brings back a retired or
    /// flagged task. Run history, the catch-up mark and the streak are kept.
    /// </summary>
    public async Task<UpsertOutcome> UpsertTaskAsync(AppliedDefinition definition, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);

        // Read, then save only the changed columns: the engine's conditional updates (last slot, summary,
        // streak) touch other columns, so nothing it writes meanwhile is lost.
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
            await using var turn = await _provider.BeginReconcileAsync(db, cancellationToken);
            var task = await db.Tasks.FirstOrDefaultAsync(t => t.Id == definition.TaskId, cancellationToken);
            var outcome = task is null ? UpsertOutcome.Added
                : task.DefinitionHash != definition.DefinitionHash ? UpsertOutcome.Changed
                : UpsertOutcome.Unchanged;

            if (task is null)
            {
                task = new TaskRecord
                {
                    Id = definition.TaskId,
                    SourcePath = definition.SourcePath,
                    DefinitionYaml = definition.DefinitionYaml,
                    DefinitionHash = definition.DefinitionHash,
                    Revision = definition.Revision,
                };
                db.Tasks.Add(task);
            }

            if (outcome != UpsertOutcome.Unchanged)
            {
                db.Audit.Add(new AuditRecord
                {
                    At = at,
                    Action = AuditActions.ConfigApplied,
                    TaskId = definition.TaskId,
                    Actor = Reconciler,
                    Result = outcome == UpsertOutcome.Added ? "added" : "changed",
                    Detail = outcome == UpsertOutcome.Added
                        ? $"hash {definition.DefinitionHash} at revision {definition.Revision}"
                        : $"hash {task.DefinitionHash} -> {definition.DefinitionHash} at revision {definition.Revision}",
                });
                task.DefinitionYaml = definition.DefinitionYaml;
                task.DefinitionHash = definition.DefinitionHash;
                task.Revision = definition.Revision;
                task.AppliedAt = at;
            }

            task.SourcePath = definition.SourcePath;
            task.State = definition.State;
            task.ConfigError = null;
            task.NextSlotUtc = definition.NextSlotUtc;
            task.IsSystem = definition.IsSystem;
            if (db.ChangeTracker.HasChanges())
            {
                task.UpdatedAt = at;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await CommitAsync(turn, cancellationToken);
                return outcome;
            }
            catch (DbUpdateException e) when (attempt == 0 && outcome == UpsertOutcome.Added && _provider.IsUniqueViolation(e))
            {
                // Another reconciler added it first: go round once more as an update.
            }
        }
    }

    /// <summary>
    /// Flags a task whose file is now invalid: it keeps running its last good definition, and the page shows
    /// <paramref name="configError"/> (<c>file:line:col: CODE message</c>). A retired task stays retired.
    /// False when the task is unknown (a new file that never was valid) or retired.
    /// </summary>
    public async Task<bool> FlagInvalidAsync(string taskId, string configError, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var updated = await db.Tasks
            .Where(t => t.Id == taskId && t.State != TaskState.Retired)
            .ExecuteUpdateAsync(
                s => s
                    .SetProperty(t => t.State, TaskState.InvalidRunningLastGood)
                    .SetProperty(t => t.ConfigError, configError)
                    .SetProperty(t => t.UpdatedAt, at),
                cancellationToken);
        return updated > 0;
    }

    /// <summary>Retires a task whose file was deleted: no more slots, history kept, a <c>task-retired</c> audit entry.</summary>
    public async Task<bool> RetireAsync(string taskId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        await using var turn = await _provider.BeginReconcileAsync(db, cancellationToken);
        var task = await db.Tasks.FirstOrDefaultAsync(t => t.Id == taskId, cancellationToken);
        if (task is null || task.State == TaskState.Retired)
        {
            return false;
        }

        task.State = TaskState.Retired;
        task.NextSlotUtc = null;
        task.ConfigError = null;
        task.UpdatedAt = at;
        db.Audit.Add(new AuditRecord
        {
            At = at,
            Action = AuditActions.TaskRetired,
            TaskId = taskId,
            Actor = Reconciler,
            Result = "retired",
            Detail = $"{task.SourcePath} no longer exists",
        });
        await db.SaveChangesAsync(cancellationToken);
        await CommitAsync(turn, cancellationToken);
        return true;
    }

    /// <summary>Replaces the stored diagnostics with those of the latest attempted definition set, atomically.</summary>
    public async Task ReplaceConfigErrorsAsync(IEnumerable<ConfigErrorRecord> errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(errors);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await _provider.BeginReconcileAsync(db, cancellationToken)
            ?? await db.Database.BeginTransactionAsync(cancellationToken);
        await db.ConfigErrors.ExecuteDeleteAsync(cancellationToken);
        db.ConfigErrors.AddRange(errors.Select(e => new ConfigErrorRecord
        {
            File = e.File,
            Line = e.Line,
            Column = e.Column,
            Code = e.Code,
            Severity = e.Severity,
            Message = e.Message,
            TaskId = e.TaskId,
        }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static Task CommitAsync(IDbContextTransaction? turn, CancellationToken cancellationToken) =>
        turn?.CommitAsync(cancellationToken) ?? Task.CompletedTask;

    /// <summary>Appends an audit entry and returns its id.</summary>
    public async Task<long> AddAuditAsync(AuditRecord entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        db.Audit.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        return entry.Id;
    }
}
