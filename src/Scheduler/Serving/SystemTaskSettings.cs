using Microsoft.Extensions.Configuration;
using Scheduler.Cli;
using Scheduler.Engine.SystemTasks;

namespace Scheduler.Serving;

/// <summary>Reads <c>Scheduler:Retention</c> and <c>Scheduler:Vacuum</c> into the system tasks' options.</summary>
internal static class SystemTaskSettings
{
    public static SystemTaskOptions Read(IConfiguration configuration)
    {
        var retention = configuration.GetSection("Scheduler:Retention");
        var vacuum = configuration.GetSection("Scheduler:Vacuum");
        var defaults = new SystemTaskOptions();
        return new SystemTaskOptions
        {
            RetentionSchedule = retention["Schedule"] ?? defaults.RetentionSchedule,
            MaxAgeDays = retention.GetValue("MaxAgeDays", defaults.MaxAgeDays),
            MaxRunsPerTask = retention.GetValue("MaxRunsPerTask", defaults.MaxRunsPerTask),
            BatchSize = retention.GetValue("BatchSize", defaults.BatchSize),
            NotificationMaxAgeDays = Days(retention, "NotificationMaxAgeDays", defaults.NotificationMaxAgeDays),
            AuditMaxAgeDays = Days(retention, "AuditMaxAgeDays", defaults.AuditMaxAgeDays) ?? defaults.AuditMaxAgeDays,
            VacuumSchedule = vacuum["Schedule"] ?? defaults.VacuumSchedule,
        };
    }

    private static int? Days(IConfigurationSection section, string key, int? fallback)
    {
        var days = section.GetValue(key, fallback);
        return days is < 0
            ? throw new CommandFailedException($"{section.Path}:{key} is {days}: give a number of days, or 0 to keep them forever.")
            : days;
    }
}
