using Scheduler.Definitions.Model;
using Scheduler.Definitions.Scheduling;
using Scheduler.Engine.Running;

namespace Scheduler.Benchmarks.Runtime;

/// <summary>Task definitions as the loader builds them from a file, with the defaults a newcomer gets, but any handler.</summary>
internal static class BenchTasks
{
    /// <summary>Every whole UTC second, as the peers' protocol asks (<c>*/1 * * * * ?</c> in Quartz).</summary>
    public const string EverySecond = "* * * * * *";

    public const string Hourly = "0 * * * *";

    public const string Revision = "bench";

    public static ScheduledTask Create(string id, string cron, HandlerDefinition handler)
    {
        if (!ZonedCronSchedule.TryParse(cron, TimeZoneInfo.Utc, out var schedule, out var error))
        {
            throw new ArgumentException($"'{cron}' is not a valid cron expression: {error}.", nameof(cron));
        }

        var definition = new TaskDefinition(
            id, $"schedules/{id}.yaml", Description: null, Enabled: true,
            new ScheduleDefinition(ScheduleKind.Cron, cron, cron, "UTC", schedule),
            CatchUpPolicy.Latest, TaskDefinition.DefaultMaxCatchUp, StartingDeadline: null, OverlapPolicy.Forbid,
            TaskDefinition.DefaultTimeout, TaskDefinition.DefaultKillGrace, RetryPolicy.None,
            new Dictionary<string, TaskValue>(), WorkingDirectory: null, handler);
        return new ScheduledTask(definition, Revision);
    }
}
