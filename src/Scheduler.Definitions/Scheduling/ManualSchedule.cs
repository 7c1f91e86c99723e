namespace Scheduler.Definitions.Scheduling;

/// <summary>A schedule with no slots: the task runs only when someone asks ("Run now").</summary>
public sealed class ManualSchedule : Schedule
{
    public static ManualSchedule Instance { get; } = new();

    private ManualSchedule()
    {
    }

    public override TimeZoneInfo TimeZone => TimeZoneInfo.Utc;

    public override Slot? NextAfter(DateTimeOffset after) => null;
}
