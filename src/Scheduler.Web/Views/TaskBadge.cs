using Scheduler.Definitions.Runs;
using Scheduler.State.Entities;

namespace Scheduler.Web.Views;

/// <summary>
/// The one word the page shows for a task, most important first: retired, disabled, invalid-running-last-good, running,
/// failing, ok (<see cref="TaskRows"/> puts <c>paused</c> over all but retired and disabled).
/// </summary>
internal static class TaskBadge
{
    public static string Of(TaskRecord task) => task switch
    {
        { State: TaskState.Retired } => "retired",
        { State: TaskState.Disabled } => "disabled",
        { State: TaskState.InvalidRunningLastGood } => "invalid-running-last-good",
        { LastRunStatus: RunStatus.Running } => "running",
        { FailureStreak: > 0 } => "failing",
        _ => "ok",
    };
}
