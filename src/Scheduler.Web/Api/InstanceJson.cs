namespace Scheduler.Web.Api;

/// <summary>One serving process of the store in <c>/api/status</c>: its name, version, start, last heartbeat, and whether that is within the lease.</summary>
internal sealed record InstanceJson(string Name, string Version, DateTime StartedAt, DateTime HeartbeatAt, bool Alive);
