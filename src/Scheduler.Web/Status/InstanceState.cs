using Scheduler.Engine.Running;
using Scheduler.State.Entities;

namespace Scheduler.Web.Status;

/// <summary>
/// A serving process of this store as the page and <c>/api/status</c> show it: alive while its last heartbeat is
/// within the lease, "silent" after that (its running runs are then interrupted by a live replica).
/// </summary>
internal sealed record InstanceState(string Name, string Version, DateTimeOffset StartedAt, DateTimeOffset HeartbeatAt, bool Alive, bool IsThis)
{
    public static IReadOnlyList<InstanceState> From(IEnumerable<InstanceRecord> records, EngineOptions engine, DateTimeOffset now) =>
        [.. records.Select(i => new InstanceState(
            i.Name, i.Version, i.StartedAt, i.HeartbeatAt, now - i.HeartbeatAt <= engine.InstanceLease, i.Name == engine.Instance))];
}
