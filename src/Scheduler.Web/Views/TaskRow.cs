namespace Scheduler.Web.Views;

/// <summary>
/// One task as the overview and the task page show it. <see cref="State"/> is the badge (ok, failing, running, …);
/// <see cref="ScheduleWords"/> the schedule in words ("At 02:30 every day"), beside the expression in <see cref="Schedule"/>.
/// </summary>
public sealed record TaskRow(
    string Id,
    string Url,
    string? Description,
    string Schedule,
    string? ScheduleWords,
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
    string? ConfigError)
{
    /// <summary>True when the task declares <c>params:</c>: run now opens its form rather than posting at once.</summary>
    public bool HasParameters { get; init; }

    /// <summary>The pause over the task (its own, its folder's or everything's), or null while it runs on its schedule.</summary>
    public PauseView? Paused { get; init; }
}
