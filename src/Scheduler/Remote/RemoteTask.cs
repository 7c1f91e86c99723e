namespace Scheduler.Remote;

/// <summary>A task as <c>GET /api/tasks</c> answers it: the fields <c>status --server</c> prints.</summary>
internal sealed record RemoteTask(
    string Id,
    string State,
    RemoteLastRun? LastRun,
    DateTimeOffset? NextRunAt,
    int FailureStreak,
    string? ConfigError,
    RemotePause? Paused = null);
