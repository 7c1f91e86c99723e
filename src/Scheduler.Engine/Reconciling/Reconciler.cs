using System.Text;
using Microsoft.Extensions.Logging;
using Scheduler.Definitions.Diagnostics;
using Scheduler.Definitions.Loading;
using Scheduler.Definitions.Model;
using Scheduler.Engine.Registry;
using Scheduler.Engine.Running;
using Scheduler.State.Entities;
using Scheduler.State.Store;

namespace Scheduler.Engine.Reconciling;

/// <summary>
/// Applies a snapshot of the task files to the store and the engine. Valid files are applied; an invalid
/// file leaves its task running its last good version, flagged; a deleted file retires its task (history
/// kept). A source that vanished, cannot be read, or is suddenly empty retires nothing.
/// </summary>
public sealed class Reconciler(RunStore store, SchedulerEngine engine, TimeProvider time, ILogger<Reconciler> logger)
{
    /// <summary>System tasks are not in the folder; the reconciler never retires them.</summary>
    private const string SystemPrefix = "system/";
    private const int LoggedIds = 10;

    /// <summary>The scheduler's own maintenance tasks, kept in the store and the engine beside the folder's tasks.</summary>
    public IReadOnlyList<ScheduledTask> SystemTasks { get; init; } = [];

    /// <summary>Where the parsed definitions go (and the system tasks), for the engine, the last-good fallback and the page.</summary>
    public DefinitionRegistry Definitions { get; init; } = new();

    public async Task<ReconcileReport> ApplyAsync(SourceSnapshot snapshot, string sourceDescription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var now = time.GetUtcNow();
        var known = (await store.ListTasksAsync(cancellationToken)).Where(t => !t.IsSystem).ToDictionary(t => t.Id, StringComparer.Ordinal);
        var heldTasks = known.Values.Any(t => t.State != TaskState.Retired);
        var problem = snapshot.Problem ?? (snapshot.Files.Count == 0 && heldTasks
            ? "the schedules folder is suddenly empty while it held tasks; nothing is retired until files are back (delete tasks one by one to retire them)"
            : null);
        if (problem is not null)
        {
            // Nothing is retired or changed; the engine still gets the last good set (from the store, so this also
            // holds on the first reconcile after a restart) and the system tasks (git-sync must keep retrying).
            ReconcileLog.NotApplied(logger, problem);
            await UpsertSystemTasksAsync(now, cancellationToken);
            await engine.ApplyAsync(await RunnableAsync(null, now, cancellationToken), cancellationToken);
            return new ReconcileReport(snapshot.Revision, snapshot.Files.Count, [], [], [], [], 0, problem);
        }

        var sources = snapshot.Files.ToDictionary(f => TaskIds.FromPath(f.RelativePath), StringComparer.Ordinal);

        // The store's retired tasks and those this reconcile retires: a chain to one of them is the warning SCH103 (the
        // chained task is loaded and waits), not the error SCH060 that would flag it invalid.
        var set = DefinitionLoader.Load(snapshot.Files, now, RetiredUpstreams.InStore(known.Keys.Where(id => !sources.ContainsKey(id))));
        var added = new List<string>();
        var changed = new List<string>();
        var flagged = new List<string>();
        var valid = new List<AppliedDefinition>();
        foreach (var file in set.Files)
        {
            if (file.Task is { } task)
            {
                var source = sources[file.TaskId];
                var hash = DefinitionRegistry.HashOf(source.Content.Span);
                Definitions.Add(task.Id, hash, task);
                valid.Add(new AppliedDefinition(task.Id, file.DisplayPath, Encoding.UTF8.GetString(source.Content.Span), hash, snapshot.Revision,
                    task.Enabled ? task.Slots.NextAfter(now)?.Utc : null, task.Enabled ? TaskState.Active : TaskState.Disabled));
            }
            else if (file.Diagnostics.FirstOrDefault(d => d.IsError) is { } error
                && await store.FlagInvalidAsync(file.TaskId, Describe(error), now, cancellationToken))
            {
                flagged.Add(file.TaskId);
            }
        }

        // One transaction for the whole set: a commit per file made a folder of thousands take seconds.
        var outcomes = await store.UpsertTasksAsync(valid, now, cancellationToken);
        for (var i = 0; i < valid.Count; i++)
        {
            (outcomes[i] switch { UpsertOutcome.Added => added, UpsertOutcome.Changed => changed, _ => null })?.Add(valid[i].TaskId);
        }

        var retired = new List<string>();
        foreach (var gone in known.Values.Where(t => t.State != TaskState.Retired && !t.Id.StartsWith(SystemPrefix, StringComparison.Ordinal) && !sources.ContainsKey(t.Id)))
        {
            if (await store.RetireAsync(gone.Id, now, cancellationToken))
            {
                retired.Add(gone.Id);
            }
        }

        await UpsertSystemTasksAsync(now, cancellationToken);
        var diagnostics = set.Diagnostics.ToList();
        await store.ReplaceConfigErrorsAsync(diagnostics.Select(d => ToRecord(d, set)), cancellationToken);
        foreach (var error in diagnostics.Where(d => d.IsError))
        {
            ReconcileLog.ConfigError(logger, error.File, error.Line, error.Column, error.Code, error.Message);
        }

        await engine.ApplyAsync(await RunnableAsync(set, now, cancellationToken), cancellationToken);

        // After the engine dropped the retired tasks: what they left queued (a chained run, a run waiting in a group)
        // would otherwise wait for ever, its slot never accounted for.
        if (await store.SkipQueuedOfRetiredAsync(time.GetUtcNow(), cancellationToken) is var skipped and > 0)
        {
            ReconcileLog.SkippedQueuedOfRetired(logger, skipped);
        }

        // Likewise a run waiting in a group its task no longer names: it follows the task to its new group, or ends.
        if (await store.RegroupQueuedAsync(set.Tasks.ToDictionary(t => t.Id, t => t.Concurrency, StringComparer.Ordinal), time.GetUtcNow(), cancellationToken) is var regrouped and > 0)
        {
            ReconcileLog.RegroupedQueued(logger, regrouped);
        }

        var report = new ReconcileReport(snapshot.Revision, snapshot.Files.Count, added, changed, flagged, retired, diagnostics.Count(d => d.IsError), null);
        if (report.ChangedAnything || report.Errors > 0)
        {
            ReconcileLog.Applied(logger, report.Revision, sourceDescription, report.Files, List(added), List(changed), List(flagged), List(retired), report.Errors);
        }

        return report;
    }

    private async Task UpsertSystemTasksAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var systems = new List<AppliedDefinition>(SystemTasks.Count);
        foreach (var system in SystemTasks)
        {
            var entry = Definitions.AddSystem(system);
            systems.Add(new AppliedDefinition(system.Id, system.Definition.SourcePath, entry.Text, entry.Hash,
                system.Revision, system.Definition.Slots.NextAfter(now)?.Utc, TaskState.Active, IsSystem: true));
        }

        if (systems.Count > 0)
        {
            await store.UpsertTasksAsync(systems, now, cancellationToken);
        }
    }

    /// <summary>
    /// Every task that should be known to the engine: the valid ones as read now, and the flagged ones as their
    /// last good version from the registry (parsed from the store's text only when this process never saw it). Disabled ones stay known for run-now.
    /// </summary>
    private async Task<List<ScheduledTask>> RunnableAsync(DefinitionSet? set, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var runnable = (set?.Tasks ?? []).Select(t => new ScheduledTask(t, "")).ToDictionary(t => t.Id, StringComparer.Ordinal);
        foreach (var record in await store.ListTasksAsync(cancellationToken))
        {
            if (record.State == TaskState.Retired || record.IsSystem)
            {
                runnable.Remove(record.Id);
                continue;
            }

            if (runnable.TryGetValue(record.Id, out var current))
            {
                runnable[record.Id] = current with { Revision = record.Revision };
            }
            else if (Definitions.Get(record, now) is { } lastGood)
            {
                runnable[record.Id] = new ScheduledTask(lastGood, record.Revision);
            }
        }

        return [.. runnable.Values, .. SystemTasks];
    }

    private static string Describe(Diagnostic d) => $"{d.File}:{d.Line}:{d.Column}: {d.Code} {d.Message}";

    private static ConfigErrorRecord ToRecord(Diagnostic d, DefinitionSet set) => new()
    {
        File = d.File,
        Line = d.Line,
        Column = d.Column,
        Code = d.Code,
        Severity = d.Severity == Severity.Error ? "error" : "warning",
        Message = d.Message,
        TaskId = set.Files.FirstOrDefault(f => f.DisplayPath == d.File)?.TaskId,
    };

    /// <summary>The ids for the log line; a first start on a thousand files names the first ten and counts the rest.</summary>
    private static string List(List<string> ids) => ids.Count switch
    {
        0 => "none",
        <= LoggedIds => string.Join(", ", ids),
        _ => $"{string.Join(", ", ids.Take(LoggedIds))} and {ids.Count - LoggedIds} more",
    };
}
