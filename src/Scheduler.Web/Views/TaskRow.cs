namespace Scheduler.Web.Views;

/// <summary>One task as the overview and the task page show it. <see cref="State"/> is the badge (ok, failing, running, …).</summary>
public sealed record TaskRow(
    string Id,
    string Url,
    string? Description,
    string Schedule,
    string TimeZone,
    string State,
    string StoreState,
    bool Enabled,
    bool IsSystem,
    bool CanRun,
    RunCell? LastRun,
    NextRunCell? NextRun,
    DateTimeOffset? NextRunUtc,
    int FailureStreak,
    string? ConfigError);
