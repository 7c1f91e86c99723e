using Microsoft.Extensions.Configuration;
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
            VacuumSchedule = vacuum["Schedule"] ?? defaults.VacuumSchedule,
        };
    }
}
