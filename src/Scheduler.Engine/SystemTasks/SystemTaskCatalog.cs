using Scheduler.Definitions.Model;
using Scheduler.Definitions.Scheduling;
using Scheduler.Engine.Running;

namespace Scheduler.Engine.SystemTasks;

/// <summary>
/// The system tasks (<c>system/history-retention</c>, <c>system/vacuum</c>) as scheduled tasks, built from
/// settings rather than task files, so the engine runs and records them like any other task.
/// </summary>
public static class SystemTaskCatalog
{
    public const string Revision = "settings";

    public static IReadOnlyList<ScheduledTask> Create(SystemTaskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return
        [
            Task("system/history-retention", $"Delete runs older than {options.MaxAgeDays} days and beyond {options.MaxRunsPerTask} per task",
                options.RetentionSchedule, SystemHandler.HistoryRetention),
            Task("system/vacuum", "Compact the state store", options.VacuumSchedule, SystemHandler.Vacuum),
        ];
    }

    /// <summary>The definition as shown on the page and kept in the store (system tasks have no file).</summary>
    public static string Describe(ScheduledTask task) =>
        $"# built in: configured in appsettings.json (Scheduler:Retention, Scheduler:Vacuum)\ndescription: {task.Definition.Description}\nschedule: \"{task.Definition.Schedule.CronExpression}\"\nsystem: {((SystemHandler)task.Definition.Handler).Job}\n";

    private static ScheduledTask Task(string id, string description, string cron, string job)
    {
        if (!ZonedCronSchedule.TryParse(cron, TimeZoneInfo.Utc, out var schedule, out var error))
        {
            throw new InvalidOperationException($"The setting for {id}'s schedule, '{cron}', is not a valid cron expression: {error}.");
        }

        var definition = new TaskDefinition(
            id, "appsettings.json", description, Enabled: true,
            new ScheduleDefinition(ScheduleKind.Cron, cron, cron, "UTC", schedule),
            CatchUpPolicy.Latest, MaxCatchUp: 1, StartingDeadline: TimeSpan.FromHours(12), OverlapPolicy.Forbid,
            Timeout: TimeSpan.FromHours(1), KillGrace: TimeSpan.Zero, RetryPolicy.None,
            new Dictionary<string, string>(), WorkingDirectory: null, new SystemHandler(job));
        return new ScheduledTask(definition, Revision);
    }
}
