namespace Scheduler.Web.Api;

/// <summary>
/// A task in <c>GET /api/tasks</c> (pinned field names). <see cref="State"/> is the store's state
/// (<c>active</c>, <c>invalid-running-last-good</c>, <c>disabled</c>, <c>retired</c>), as <c>scheduler status</c> prints it.
/// </summary>
internal record TaskJson(
    string Id,
    string? Description,
    string State,
    string Schedule,
    string Timezone,
    bool Enabled,
    LastRunJson? LastRun,
    DateTime? NextRunAt,
    int FailureStreak,
    string? ConfigError)
{
    /// <summary>The pause over the task, or null (pinned: <c>{"by","reason","since","until"}</c>).</summary>
    public PauseJson? Paused { get; init; }
}
