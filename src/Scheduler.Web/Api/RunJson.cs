namespace Scheduler.Web.Api;

/// <summary>A run in <c>GET /api/tasks/{id}/runs</c>, with the field names of <c>scheduler runs --format json</c>.</summary>
internal record RunJson(
    long Id,
    string Task,
    string Trigger,
    DateTime Slot,
    int Attempt,
    string Status,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    long? DurationMs,
    int? ExitCode,
    string? Error,
    long OutputBytes,
    string Revision,
    string Instance);
