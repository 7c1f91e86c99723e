using Microsoft.Extensions.Logging;

namespace Scheduler.Engine.Running;

internal static partial class DrainLog
{
    [LoggerMessage(60, LogLevel.Information, "Draining: no new runs start here; {Count} run(s) in progress get up to {Timeout} to finish")]
    public static partial void Draining(ILogger logger, int count, TimeSpan timeout);

    [LoggerMessage(61, LogLevel.Information, "Drained: every run in progress finished within {Elapsed}")]
    public static partial void Drained(ILogger logger, TimeSpan elapsed);

    [LoggerMessage(62, LogLevel.Warning, "The drain timeout ({Timeout}) passed with {Count} run(s) still in progress: they are stopped now")]
    public static partial void Expired(ILogger logger, int count, TimeSpan timeout);

    [LoggerMessage(63, LogLevel.Warning, "Drain skipped on a second stop request: {Count} run(s) still in progress are stopped now")]
    public static partial void Skipped(ILogger logger, int count);
}
