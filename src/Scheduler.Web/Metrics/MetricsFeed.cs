using Microsoft.EntityFrameworkCore;
using Scheduler.Definitions.Runs;
using Scheduler.State;
using Scheduler.State.Entities;
using Scheduler.State.Store;
using Scheduler.Web.Status;

namespace Scheduler.Web.Metrics;

/// <summary>
/// Feeds <see cref="SchedulerMetrics"/> from the store at each scrape, without hooks in the engine: runs
/// recorded since the last scrape are read by id (ids grow with every claim), counted once they have ended,
/// and gauges are set from the task rows. The baseline is taken at start-up, so counters cover this process's life.
/// </summary>
/// <remarks>
/// Reading by id relies on ids being committed in order, which holds on SQLite (one writer at a time). A run
/// seen while running is remembered and counted when a later scrape finds it ended.
/// </remarks>
internal sealed class MetricsFeed(SchedulerStore store, ServerInfo server, SchedulerMetrics metrics, Engine.Notifications.Notifier? notifier = null) : IDisposable
{
    private const int Batch = 5000;
    private const int MaxBatchesPerScrape = 20;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<long> _open = [];
    private long? _seen;

    public async Task BaselineAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await BaselineCoreAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task CollectAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_seen is null)
            {
                await BaselineCoreAsync(cancellationToken);
            }

            await using var db = await store.Contexts.CreateDbContextAsync(cancellationToken);
            await ReadNewRunsAsync(db, cancellationToken);
            await ReadEndedRunsAsync(db, cancellationToken);
            await SetGaugesAsync(db, cancellationToken);
            CountNotifications();
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task BaselineCoreAsync(CancellationToken cancellationToken)
    {
        if (_seen is not null)
        {
            return;
        }

        await using var db = await store.Contexts.CreateDbContextAsync(cancellationToken);
        var seen = await db.Runs.MaxAsync(r => (long?)r.Id, cancellationToken) ?? 0;
        var running = await db.Runs.Where(r => r.Status == RunStatus.Running && r.Id <= seen).Select(r => r.Id).ToListAsync(cancellationToken);
        _open.UnionWith(running);
        _seen = seen;
    }

    private async Task ReadNewRunsAsync(SchedulerDbContext db, CancellationToken cancellationToken)
    {
        for (var batch = 0; batch < MaxBatchesPerScrape; batch++)
        {
            var seen = _seen!.Value;
            var runs = await db.Runs.AsNoTracking().Where(r => r.Id > seen).OrderBy(r => r.Id).Take(Batch).ToListAsync(cancellationToken);
            foreach (var run in runs)
            {
                if (run.StartedAt is { } started && run.Trigger is RunTrigger.Schedule or RunTrigger.CatchUp)
                {
                    metrics.StartLateness.WithLabels(run.TaskId, RunNames.Of(run.Trigger)).Observe(Math.Max((started - run.SlotUtc).TotalSeconds, 0));
                }

                if (!RunNames.IsFinal(run.Status)) // running, or queued (a chained run, or one waiting in its concurrency group)
                {
                    _open.Add(run.Id);
                }
                else
                {
                    CountEnded(run);
                }

                _seen = run.Id;
            }

            if (runs.Count < Batch)
            {
                return;
            }
        }
    }

    private async Task ReadEndedRunsAsync(SchedulerDbContext db, CancellationToken cancellationToken)
    {
        if (_open.Count == 0)
        {
            return;
        }

        var open = _open.ToList();
        var ended = await db.Runs.AsNoTracking().Where(r => open.Contains(r.Id) && r.Status != RunStatus.Running && r.Status != RunStatus.Queued).ToListAsync(cancellationToken);
        foreach (var run in ended)
        {
            _open.Remove(run.Id);
            CountEnded(run);
        }
    }

    private void CountEnded(RunRecord run)
    {
        metrics.RunsFinished.WithLabels(run.TaskId, RunNames.Of(run.Status)).Inc();
        if (run is { StartedAt: { } started, FinishedAt: { } finished })
        {
            metrics.RunDuration.WithLabels(run.TaskId).Observe(Math.Max((finished - started).TotalSeconds, 0));
        }

        if (run.Status == RunStatus.Skipped)
        {
            metrics.SlotsSkipped.WithLabels(run.TaskId, SkipReason.Of(run.Error)).Inc();
        }
    }

    /// <summary>The notifier's own counts, since this process started, like the other counters.</summary>
    private void CountNotifications()
    {
        metrics.Notifications.WithLabels(NotificationStatuses.Sent).IncTo(notifier?.Sent ?? 0);
        metrics.Notifications.WithLabels(NotificationStatuses.Failed).IncTo(notifier?.Failed ?? 0);
        metrics.Notifications.WithLabels("dropped").IncTo(notifier?.Dropped ?? 0);
    }

    private async Task SetGaugesAsync(SchedulerDbContext db, CancellationToken cancellationToken)
    {
        var tasks = await db.Tasks.AsNoTracking().Select(t => new { t.Id, t.State, t.FailureStreak, t.IsSystem }).ToListAsync(cancellationToken);
        var pauses = await db.Pauses.AsNoTracking().ToListAsync(cancellationToken);
        var now = server.Clock().Now;
        var running = await db.Runs.AsNoTracking().Where(r => r.Status == RunStatus.Running)
            .GroupBy(r => r.TaskId).Select(g => new { TaskId = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var runningByTask = running.ToDictionary(r => r.TaskId, r => r.Count, StringComparer.Ordinal);
        foreach (var task in tasks)
        {
            metrics.FailureStreak.WithLabels(task.Id).Set(task.FailureStreak);
            metrics.RunsRunning.WithLabels(task.Id).Set(runningByTask.GetValueOrDefault(task.Id));
            var paused = !task.IsSystem && task.State != TaskState.Retired && PauseTargets.For(pauses, task.Id, now) is not null;
            metrics.TaskPaused.WithLabels(task.Id).Set(paused ? 1 : 0);
        }

        foreach (var state in Enum.GetValues<TaskState>())
        {
            metrics.TaskStates.WithLabels(TaskStateNames.Of(state)).Set(tasks.Count(t => t.State == state));
        }

        var diagnostics = await db.ConfigErrors.AsNoTracking().GroupBy(e => e.Severity).Select(g => new { Severity = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        foreach (var severity in (string[])["error", "warning"])
        {
            metrics.ConfigErrors.WithLabels(severity).Set(diagnostics.FirstOrDefault(d => d.Severity == severity)?.Count ?? 0);
        }

        var revision = server.Revision();
        foreach (var old in metrics.Revision.GetAllLabelValues().ToList())
        {
            metrics.Revision.RemoveLabelled(old);
        }

        metrics.Revision.WithLabels(revision.Applied ?? "", revision.Attempted ?? "").Set(1);
        metrics.RevisionProblem.Set(revision.Error is null ? 0 : 1);
    }
}
