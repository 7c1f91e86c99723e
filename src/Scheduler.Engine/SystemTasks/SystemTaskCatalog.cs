using System.Globalization;
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
        List<ScheduledTask> tasks =
        [
            Task("system/history-retention", RetentionDescription(options),
                options.RetentionSchedule, SystemHandler.HistoryRetention),
            Task("system/vacuum", "Compact the state store", options.VacuumSchedule, SystemHandler.Vacuum),
        ];
        if (options.GitSyncInterval is { } interval)
        {
            tasks.Add(GitSync(interval, options.GitSyncTimeout));
        }

        return tasks;
    }

    /// <summary>
    /// Fetching from git is a task too, so every fetch shows on the page as a run with its outcome. Catch-up
    /// none: after downtime one fetch is enough, and the start-up reconcile already did it.
    /// </summary>
    private static ScheduledTask GitSync(TimeSpan interval, TimeSpan timeout)
    {
        var definition = new TaskDefinition(
            "system/git-sync", "appsettings.json", "Fetch the task definitions from git and apply them", Enabled: true,
            new ScheduleDefinition(ScheduleKind.Every, Definitions.Values.Durations.Format(interval), null, "UTC", new FixedRateSchedule(interval)),
            CatchUpPolicy.None, MaxCatchUp: 1, StartingDeadline: null, OverlapPolicy.Forbid,
            timeout, KillGrace: TimeSpan.Zero, RetryPolicy.None,
            new Dictionary<string, TaskValue>(), WorkingDirectory: null, new SystemHandler(SystemHandler.GitSync));
        return new ScheduledTask(definition, Revision);
    }

    private static string RetentionDescription(SystemTaskOptions options)
    {
        var notificationDays = options.NotificationMaxAgeDays ?? options.MaxAgeDays;
        return string.Create(CultureInfo.InvariantCulture, $"Delete runs older than {options.MaxAgeDays} days and beyond {options.MaxRunsPerTask} per task, ") +
            (notificationDays > 0 ? string.Create(CultureInfo.InvariantCulture, $"notifications older than {notificationDays} days, ") : "") +
            (options.AuditMaxAgeDays > 0 ? string.Create(CultureInfo.InvariantCulture, $"audit entries older than {options.AuditMaxAgeDays} days") : "no audit entries");
    }

    /// <summary>The definition as shown on the page and kept in the store (system tasks have no file).</summary>
    public static string Describe(ScheduledTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var schedule = task.Definition.Schedule.CronExpression is { } cron ? $"\"{cron}\"" : $"{{ every: {task.Definition.Schedule.Text} }}";
        return $"# built in: configured in appsettings.json (Scheduler:Retention, Scheduler:Vacuum, Scheduler:Git)\n" +
            $"description: {task.Definition.Description}\nschedule: {schedule}\nsystem: {((SystemHandler)task.Definition.Handler).Job}\n";
    }

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
            new Dictionary<string, TaskValue>(), WorkingDirectory: null, new SystemHandler(job));
        return new ScheduledTask(definition, Revision);
    }
}
