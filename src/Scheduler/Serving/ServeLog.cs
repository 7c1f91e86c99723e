using Microsoft.Extensions.Logging;

namespace Scheduler.Serving;

internal static partial class ServeLog
{
    [LoggerMessage(201, LogLevel.Warning, "VIRTUAL CLOCK: time starts at {Start:O} and runs {Rate}x real time. Every slot, timeout and recorded time follows it. Do not use this in production.")]
    public static partial void VirtualClock(ILogger logger, DateTimeOffset start, double rate);

    [LoggerMessage(202, LogLevel.Information, "Serving {Schedules} with state in {Data} on {Urls}")]
    public static partial void Serving(ILogger logger, string schedules, string data, string urls);

    [LoggerMessage(203, LogLevel.Warning, "{Signal} again: the drain is skipped, the runs in progress are stopped now")]
    public static partial void DrainSkipRequested(ILogger logger, string signal);
}
