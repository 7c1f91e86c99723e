namespace Scheduler.State.Entities;

/// <summary>A serving process. Its heartbeat tells a dead process's <c>running</c> runs from a live one's.</summary>
public sealed class InstanceRecord
{
    public required string Name { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset HeartbeatAt { get; set; }

    public required string Version { get; set; }
}
