using Scheduler.Definitions.Diagnostics;
using Scheduler.Definitions.Model;
using Scheduler.Definitions.Scheduling;
using Scheduler.Definitions.Values;

namespace Scheduler.Definitions.Parsing;

/// <summary>
/// Reads <c>jitter:</c>, a duration up to the schedule's shortest interval, and moves every slot of the task by the
/// task's own <see cref="JitterOffset"/>: a folder of hourly jobs stops hitting the database all at :00.
/// </summary>
internal static class JitterReader
{
    public static ScheduleDefinition? Apply(ScheduleDefinition schedule, YamlNode node, string taskId, ValueReader values, DateTimeOffset from)
    {
        if (values.Duration(node, "jitter", TimeSpan.FromSeconds(1), TimeSpan.FromDays(31)) is not { } jitter)
        {
            return null;
        }

        if (schedule.Kind is ScheduleKind.Manual or ScheduleKind.After)
        {
            values.Diagnostics.Error(node.Start, DiagnosticCodes.InvalidValue, "jitter: a manual-only task has no slots to spread.",
                "Remove jitter:, or give the task a schedule such as every: 1h.");
            return null;
        }

        if (ShortestInterval.Of(schedule.Slots, from) is { } shortest && jitter > shortest)
        {
            values.Diagnostics.Error(node.Start, DiagnosticCodes.OutOfRange,
                $"jitter: '{Durations.Format(jitter)}' is longer than the schedule's shortest interval, {Durations.Format(shortest)}: moved slots would pass the next ones.",
                $"Use at most jitter: {Durations.Format(shortest)}; a tenth of the interval is usually enough to spread the load.");
            return null;
        }

        var offset = JitterOffset.For(taskId, jitter);
        return schedule with { Slots = new JitteredSchedule(schedule.Slots, offset), Jitter = jitter, JitterOffset = offset };
    }
}
