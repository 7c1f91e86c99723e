namespace Scheduler.Definitions.Model;

/// <summary>The form a schedule was written in.</summary>
public enum ScheduleKind
{
    Cron,
    Every,
    Daily,
    Weekly,
    Manual,
}
