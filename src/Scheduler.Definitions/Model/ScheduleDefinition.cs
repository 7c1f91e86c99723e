using Scheduler.Definitions.Scheduling;

namespace Scheduler.Definitions.Model;

/// <summary>
/// A task's schedule as written (<see cref="Kind"/> and <see cref="Text"/>, e.g. <c>daily</c> and
/// <c>02:30</c>), the cron expression it means when it has one, its zone, and the calculator of its slots.
/// A chained task (<see cref="ScheduleKind.After"/>) has no slots and its <see cref="After"/>.
/// With <see cref="Jitter"/>, <see cref="Slots"/> are the written slots moved by <see cref="JitterOffset"/>.
/// </summary>
public sealed record ScheduleDefinition(
    ScheduleKind Kind,
    string Text,
    string? CronExpression,
    string TimeZoneId,
    Schedule Slots,
    TimeSpan? Jitter = null,
    TimeSpan JitterOffset = default,
    ChainDefinition? After = null)
{
    /// <summary>A short human description, e.g. "cron 30 2 * * * (Europe/Berlin)", "every 45m" or "every 1h, jitter 10m (+4m12s)".</summary>
    public string Describe() => Jitter is null ? DescribeWritten() : $"{DescribeWritten()}, jitter {DescribeJitter()}";

    /// <summary>The schedule as written, without its jitter.</summary>
    public string DescribeWritten() => Kind switch
    {
        ScheduleKind.Manual => "manual only",
        ScheduleKind.After => $"after {After?.Describe()}",
        ScheduleKind.Every => $"every {Text}",
        ScheduleKind.Cron => $"cron {Text} ({TimeZoneId})",
        _ => $"{Kind.ToString().ToLowerInvariant()} {Text} ({TimeZoneId})",
    };

    /// <summary>The jitter and this task's offset within it, e.g. "10m (+4m12s)"; null without jitter.</summary>
    public string? DescribeJitter() => Jitter is { } jitter
        ? $"{Values.Durations.Format(jitter)} (+{Values.Durations.Format(JitterOffset)})"
        : null;
}
