using Microsoft.Extensions.Logging;

namespace Scheduler.Engine.Running;

/// <summary>The log lines of sharing and fencing: what an operator of replicas reads when work moves or a replica is fenced.</summary>
internal static partial class ReplicaLog
{
    [LoggerMessage(170, LogLevel.Information, "Due slots are now shared by {Count} live instance(s): {Instances}")]
    public static partial void Sharing(ILogger logger, int count, string instances);

    [LoggerMessage(171, LogLevel.Error, "This instance ({Instance}, epoch {Epoch}) was fenced: another replica declared it dead (no heartbeat within the lease {Lease}) and took over its runs; its late claims and ends are refused. Stopping its {Count} run(s) and registering again as new")]
    public static partial void Fenced(ILogger logger, string instance, long epoch, TimeSpan lease, int count);

    [LoggerMessage(172, LogLevel.Warning, "This instance ({Instance}) rejoined with epoch {Epoch} after it was fenced")]
    public static partial void Rejoined(ILogger logger, string instance, long epoch);

    [LoggerMessage(173, LogLevel.Warning, "Declared dead and fenced (no heartbeat within the lease {Lease}): {Instances}")]
    public static partial void FencedOthers(ILogger logger, TimeSpan lease, string instances);
}
