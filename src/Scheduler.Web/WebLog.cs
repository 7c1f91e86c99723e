using Microsoft.Extensions.Logging;

namespace Scheduler.Web;

/// <summary>The web layer's log lines, source-generated.</summary>
internal static partial class WebLog
{
    [LoggerMessage(100, LogLevel.Information, "{Action} of {TaskId} (run {RunId}) from {Actor}: {Outcome} {Reason}")]
    public static partial void ActionTaken(ILogger logger, string action, string taskId, long? runId, string outcome, string actor, string? reason);

    [LoggerMessage(101, LogLevel.Warning, "Refused a page action from {Actor}: {Reason}")]
    public static partial void ActionRefused(ILogger logger, string actor, string reason);

    [LoggerMessage(102, LogLevel.Warning, "Ignored the proxy's user header {Header} from {Peer}: that address is not in Scheduler:Auth:Proxy:TrustedNetworks")]
    public static partial void ProxyHeaderIgnored(ILogger logger, string header, string peer);

    [LoggerMessage(103, LogLevel.Information, "Sign-in: mode {Mode}; anonymous users are {Anonymous}")]
    public static partial void AuthMode(ILogger logger, string mode, string anonymous);

    [LoggerMessage(140, LogLevel.Warning, "Paused {Target} ({Count} task(s)) by {Actor}: {Reason}")]
    public static partial void Paused(ILogger logger, string target, int count, string actor, string reason);

    [LoggerMessage(141, LogLevel.Information, "Resumed {Target} ({Count} task(s)) by {Actor}")]
    public static partial void Resumed(ILogger logger, string target, int count, string actor);
}
