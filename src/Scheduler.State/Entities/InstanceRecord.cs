namespace Scheduler.State.Entities;

/// <summary>A serving process. Its heartbeat tells a dead process's <c>running</c> runs from a live one's.</summary>
public sealed class InstanceRecord
{
    public required string Name { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset HeartbeatAt { get; set; }

    public required string Version { get; set; }

    /// <summary>
    /// The fencing epoch: bumped when the instance registers and when another replica declares it dead. Its claims and
    /// ends go through only while the epoch it registered with is still the row's, so a replica that stalled past its
    /// lease and came back cannot write over the replica that took over its runs.
    /// </summary>
    public long Epoch { get; set; }

    /// <summary>When another replica declared it dead (no heartbeat within the lease) and bumped its epoch; null while it lives.</summary>
    public DateTimeOffset? FencedAt { get; set; }
}
