using Prometheus;

namespace Scheduler.Web.Metrics;

/// <summary>
/// The metric families of <c>/metrics</c>, in a registry of their own (one per host, so tests that build
/// several hosts in one process do not share counters). Counters count since this process started.
/// </summary>
internal sealed class SchedulerMetrics
{
    private static readonly double[] DurationBuckets = [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600, 4 * 3600];
    private static readonly double[] LatenessBuckets = [0.01, 0.05, 0.1, 0.5, 1, 5, 30, 60, 300, 3600];

    public SchedulerMetrics()
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        RunsFinished = factory.CreateCounter("scheduler_runs_total", "Runs that ended since this process started, by task and final status.", "task", "status");
        RunsRunning = factory.CreateGauge("scheduler_runs_running", "Runs recorded as running now, by task.", "task");
        RunDuration = factory.CreateHistogram("scheduler_run_duration_seconds", "How long ended runs took (finished - started), by task.",
            new HistogramConfiguration { LabelNames = ["task"], Buckets = DurationBuckets });
        StartLateness = factory.CreateHistogram("scheduler_run_start_lateness_seconds", "How late scheduled and catch-up runs started (started - slot), by task and trigger.",
            new HistogramConfiguration { LabelNames = ["task", "trigger"], Buckets = LatenessBuckets });
        SlotsSkipped = factory.CreateCounter("scheduler_slots_skipped_total", "Slots recorded as skipped (never started), by task and reason.", "task", "reason");
        SlotsMissed = factory.CreateCounter("scheduler_slots_missed_total", "Missed slots passed over by the catch-up policy, by task and reason.", "task", "reason");
        FailureStreak = factory.CreateGauge("scheduler_task_failure_streak", "Consecutive failed or timed-out runs of each task.", "task");
        TaskStates = factory.CreateGauge("scheduler_tasks", "Tasks by state.", "state");
        TaskPaused = factory.CreateGauge("scheduler_task_paused", "1 while a task is paused (by a person, a folder's or everything's pause, or suspended after failures), else 0.", "task");
        ConfigErrors = factory.CreateGauge("scheduler_config_errors", "Diagnostics of the latest attempted definition set, by severity.", "severity");
        Revision = factory.CreateGauge("scheduler_definition_revision_info", "Always 1; the labels say the applied and the attempted definition revision.", "applied", "attempted");
        Notifications = factory.CreateCounter("scheduler_notifications_total",
            "Notifications since this process started, by how delivery ended: sent, failed (after every attempt), or dropped (the queue was full).",
            "status");
        RevisionProblem = factory.CreateGauge("scheduler_definition_apply_problem", "1 when the latest attempt to apply the definitions could not be applied, else 0.");
    }

    public CollectorRegistry Registry { get; }

    public Counter RunsFinished { get; }

    public Gauge RunsRunning { get; }

    public Histogram RunDuration { get; }

    public Histogram StartLateness { get; }

    public Counter SlotsSkipped { get; }

    /// <summary>Fed by the engine hook that reports passed-over slots (see docs/status-page.md); empty until then.</summary>
    public Counter SlotsMissed { get; }

    public Gauge FailureStreak { get; }

    public Gauge TaskPaused { get; }

    public Gauge TaskStates { get; }

    public Gauge ConfigErrors { get; }

    public Gauge Revision { get; }

    public Gauge RevisionProblem { get; }

    public Counter Notifications { get; }
}
