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
        return (await UpsertTasksAsync([definition], at, cancellationToken))[0];
    }

    /// <summary>
    /// Stores a set of valid definitions as <see cref="UpsertTaskAsync"/> does each, in one transaction: a commit (an
    /// fsync) per definition made a set of ten thousand files take seconds to store. Returns each one's outcome, in order.
    /// </summary>
    public async Task<UpsertOutcome[]> UpsertTasksAsync(IReadOnlyList<AppliedDefinition> definitions, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definitions);

        // Read, then save only the changed columns: the engine's conditional updates (last slot, summary,
        // streak) touch other columns, so nothing it writes meanwhile is lost.
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
            await using var turn = await _provider.BeginReconcileAsync(db, cancellationToken);
            var known = await TrackedTasksAsync(db, definitions, cancellationToken);
            var outcomes = new UpsertOutcome[definitions.Count];
            for (var i = 0; i < definitions.Count; i++)
            {
                outcomes[i] = Apply(db, known, definitions[i], at);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await CommitAsync(turn, cancellationToken);
                return outcomes;
            }
            catch (DbUpdateException e) when (attempt == 0 && outcomes.Contains(UpsertOutcome.Added) && _provider.IsUniqueViolation(e))
            {
                // Another reconciler added one of them first: go round once more, reading it as known.
            }
        }
    }

    // Ids read in chunks: a set of tens of thousands must not become one statement with a parameter per id.
    private static async Task<Dictionary<string, TaskRecord>> TrackedTasksAsync(
        SchedulerDbContext db, IReadOnlyList<AppliedDefinition> definitions, CancellationToken cancellationToken)
    {
        var known = new Dictionary<string, TaskRecord>(StringComparer.Ordinal);
        foreach (var chunk in definitions.Select(d => d.TaskId).Distinct(StringComparer.Ordinal).Chunk(500))
        {
            foreach (var task in await db.Tasks.Where(t => chunk.Contains(t.Id)).ToListAsync(cancellationToken))
            {
                known[task.Id] = task;
            }
        }

        return known;
    }

    private static UpsertOutcome Apply(SchedulerDbContext db, Dictionary<string, TaskRecord> known, AppliedDefinition definition, DateTimeOffset at)
    {
        var task = known.GetValueOrDefault(definition.TaskId);
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
            known[task.Id] = task; // the same id twice in one set: the second is an update of the first
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
        if (db.Entry(task).State is EntityState.Added or EntityState.Modified)
        {
            task.UpdatedAt = at;
        }

        return outcome;
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
