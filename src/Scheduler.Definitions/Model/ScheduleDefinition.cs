using Scheduler.Definitions.Scheduling;

namespace Scheduler.Definitions.Model;

/// <summary>
/// A task's schedule as written (<see cref="Kind"/> and <see cref="Text"/>, e.g. <c>daily</c> and
/// <c>02:30</c>), the cron expression it means when it has one, its zone, and the calculator of its slots.
/// </summary>
public sealed record ScheduleDefinition(
    ScheduleKind Kind,
    string Text,
    string? CronExpression,
    string TimeZoneId,
    Schedule Slots)
{
    /// <summary>A short human description, e.g. "cron 30 2 * * * (Europe/Berlin)" or "every 45m".</summary>
    public string Describe() => Kind switch
    {
        ScheduleKind.Manual => "manual only",
        ScheduleKind.Every => $"every {Text}",
        ScheduleKind.Cron => $"cron {Text} ({TimeZoneId})",
        _ => $"{Kind.ToString().ToLowerInvariant()} {Text} ({TimeZoneId})",
    };
}
