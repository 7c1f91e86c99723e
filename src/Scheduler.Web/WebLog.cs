using Microsoft.Extensions.Logging;

namespace Scheduler.Web;

/// <summary>The web layer's log lines, source-generated.</summary>
internal static partial class WebLog
{
    [LoggerMessage(100, LogLevel.Information, "{Action} of {TaskId} (run {RunId}) from {Actor}: {Outcome} {Reason}")]
    public static partial void ActionTaken(ILogger logger, string action, string taskId, long? runId, string outcome, string actor, string? reason);

    [LoggerMessage(101, LogLevel.Warning, "Refused a page action from {Actor}: {Reason}")]
    public static partial void ActionRefused(ILogger logger, string actor, string reason);
}
