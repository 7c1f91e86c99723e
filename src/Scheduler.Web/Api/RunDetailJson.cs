using System.Text.Json.Serialization;

namespace Scheduler.Web.Api;

/// <summary><c>GET /api/runs/{id}</c>: the run with its output tail.</summary>
internal sealed record RunDetailJson(
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
    string Instance,
    PassedJson? Passed,
    IReadOnlyDictionary<string, string>? Parameters,
    [property: JsonPropertyOrder(1)] string OutputTail)
    : RunJson(Id, Task, Trigger, Slot, Attempt, Status, StartedAt, FinishedAt, DurationMs, ExitCode, Error, OutputBytes, Revision, Instance, Passed, Parameters);
