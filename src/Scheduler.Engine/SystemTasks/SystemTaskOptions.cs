namespace Scheduler.Engine.SystemTasks;

/// <summary>The scheduler's own maintenance, from <c>Scheduler:Retention</c> and <c>Scheduler:Vacuum</c> in appsettings.json.</summary>
public sealed class SystemTaskOptions
{
    /// <summary>When <c>system/history-retention</c> runs (cron, UTC).</summary>
    public string RetentionSchedule { get; set; } = "17 3 * * *";

    /// <summary>Runs older than this many days are deleted.</summary>
    public int MaxAgeDays { get; set; } = 90;

    /// <summary>Beyond this many runs per task, the oldest are deleted.</summary>
    public int MaxRunsPerTask { get; set; } = 10_000;

    /// <summary>
    /// Sent and failed notifications last updated more than this many days ago are deleted; 0 keeps them forever.
    /// Unset: as runs (<see cref="MaxAgeDays"/>), since a notification is about a run.
    /// </summary>
    public int? NotificationMaxAgeDays { get; set; }

    /// <summary>
    /// Audit entries (who ran, cancelled, which definitions were applied) older than this many days are deleted; 0
    /// keeps them forever. A year by default: longer than runs, as the record of who did what is asked for later.
    /// </summary>
    public int AuditMaxAgeDays { get; set; } = 365;

    /// <summary>Rows deleted per statement, so the store is never locked for long.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>When <c>system/vacuum</c> runs (cron, UTC).</summary>
    public string VacuumSchedule { get; set; } = "47 3 * * 0";

    /// <summary>With <c>serve --git</c>: how often <c>system/git-sync</c> fetches; null when the tasks come from a folder.</summary>
    public TimeSpan? GitSyncInterval { get; set; }

    /// <summary>With <c>serve --git</c>: how long one fetch and apply may take.</summary>
    public TimeSpan GitSyncTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
