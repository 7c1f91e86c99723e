namespace Scheduler.Remote;

/// <summary>A task's newest run inside <see cref="RemoteTask"/>.</summary>
internal sealed record RemoteLastRun(long Id, string Status, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt);
