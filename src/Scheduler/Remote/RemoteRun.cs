namespace Scheduler.Remote;

/// <summary>A run as <c>GET /api/tasks/{id}/runs</c> and <c>GET /api/runs/{id}</c> (which adds the output tail) answer it.</summary>
internal sealed record RemoteRun(
    long Id,
    string Task,
    string Trigger,
    DateTimeOffset Slot,
    int Attempt,
    string Status,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int? ExitCode,
    string? Error,
    string? Revision,
    string? Instance,
    long OutputBytes = 0,
    RemotePassed? Passed = null,
    string? OutputTail = null);

