namespace Scheduler.Web.Views;

/// <summary>A row of the overview's instances table: a replica and how long ago it last heartbeated.</summary>
public sealed record InstanceRow(string Name, string Version, string StartedAt, string HeartbeatAt, string HeartbeatAgo, bool Alive, bool IsThis);
