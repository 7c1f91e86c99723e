using Microsoft.Extensions.Logging;

namespace Scheduler.Engine.Reconciling;

internal static partial class ReconcileLog
{
    [LoggerMessage(101, LogLevel.Information, "Definitions {Revision} applied from {Source}: {Files} file(s), added {Added}, changed {Changed}, invalid {Flagged}, retired {Retired}, {Errors} error(s)")]
    public static partial void Applied(ILogger logger, string revision, string source, int files, string added, string changed, string flagged, string retired, int errors);

    [LoggerMessage(102, LogLevel.Error, "{File}:{Line}:{Column}: {Code} {Message}")]
    public static partial void ConfigError(ILogger logger, string file, int line, int column, string code, string message);

    [LoggerMessage(103, LogLevel.Error, "Definitions not applied, the last good set keeps running: {Problem}")]
    public static partial void NotApplied(ILogger logger, string problem);

    [LoggerMessage(104, LogLevel.Error, "Reconciling failed; the last good set keeps running")]
    public static partial void Failed(ILogger logger, Exception exception);

    [LoggerMessage(105, LogLevel.Information, "{Count} queued run(s) of retired tasks ended as skipped: their tasks' files were deleted while they waited")]
    public static partial void SkippedQueuedOfRetired(ILogger logger, int count);

    [LoggerMessage(106, LogLevel.Information, "{Count} queued run(s) followed their task's new concurrency group, or ended skipped as it names none")]
    public static partial void RegroupedQueued(ILogger logger, int count);
}
