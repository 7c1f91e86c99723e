namespace Scheduler.Remote;

/// <summary>A task's <c>"paused"</c> as <c>GET /api/tasks</c> answers it.</summary>
internal sealed record RemotePause(string By, string Reason, DateTimeOffset Since, DateTimeOffset? Until);
