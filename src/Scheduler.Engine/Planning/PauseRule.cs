using Scheduler.Definitions.Runs;

namespace Scheduler.Engine.Planning;

/// <summary>
/// The pause rule, the first step of <see cref="DispatchDecision"/>: while a pause holds, a run the schedule owes
/// (on time, caught up, or a retry) is skipped with <c>paused by WHO: REASON</c>, so every slot stays accounted for and
/// nothing is owed after the resume. A manual run goes on (a person asked for it) with a notice that the task is paused;
/// the scheduler's own system runs are never paused. Runs already going are not this rule's business: it only
/// decides whether an owed run may start.
/// </summary>
public static class PauseRule
{
    /// <summary>The verdict the pause imposes, or null when it lets the other rules decide (no pause, or a manual run).</summary>
    public static DispatchVerdict? Decide(PauseWindow? pause, OwedRun run, DateTimeOffset now)
    {
        if (pause is null || !pause.HoldsAt(now))
        {
            return null;
        }

        return run.Trigger switch
        {
            RunTrigger.Schedule or RunTrigger.CatchUp or RunTrigger.Retry => new DispatchVerdict(DispatchAction.Skip, pause.SkipReason),
            _ => null,
        };
    }

    /// <summary>What a person who starts a paused task by hand is told, or null when it is not paused at <paramref name="now"/>.</summary>
    public static string? Notice(PauseWindow? pause, DateTimeOffset now) =>
        pause is not null && pause.HoldsAt(now)
            ? $"the task is paused (by {pause.By}: {pause.Reason}{(pause.Until is { } u ? $", until {u.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}" : "")}); this run was started by hand anyway"
            : null;
}
