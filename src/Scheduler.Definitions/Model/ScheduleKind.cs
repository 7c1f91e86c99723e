namespace Scheduler.Definitions.Model;

/// <summary>The form a schedule was written in.</summary>
public enum ScheduleKind
{
    Cron,
    Every,
    Daily,
    Weekly,
    Manual,

    /// <summary>After other tasks' runs end (<c>after:</c>): no slots of its own.</summary>
    After,
}
