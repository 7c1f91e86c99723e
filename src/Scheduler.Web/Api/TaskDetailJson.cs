using System.Text.Json.Serialization;

namespace Scheduler.Web.Api;

/// <summary><c>GET /api/tasks/{id}</c>: the list's fields, plus the definition as applied and the next slots.</summary>
internal sealed record TaskDetailJson(
    string Id,
    string? Description,
    string State,
    string Schedule,
    string Timezone,
    bool Enabled,
    LastRunJson? LastRun,
    DateTime? NextRunAt,
    int FailureStreak,
    string? ConfigError,
    [property: JsonPropertyOrder(1)] string Definition,
    [property: JsonPropertyOrder(1)] IReadOnlyList<SlotJson> Upcoming)
    : TaskJson(Id, Description, State, Schedule, Timezone, Enabled, LastRun, NextRunAt, FailureStreak, ConfigError);
