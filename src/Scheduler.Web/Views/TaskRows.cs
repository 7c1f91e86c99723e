using Scheduler.Definitions.Runs;
using Scheduler.Definitions.Values;
using Scheduler.Definitions.Scheduling;
using Scheduler.State.Entities;
using Scheduler.State.Store;
using Scheduler.Web.Rendering;

namespace Scheduler.Web.Views;

/// <summary>Builds <see cref="TaskRow"/>s from task records and the <see cref="DefinitionView"/>s of their definitions.</summary>
/// <remarks>The pause comes from the <see cref="PauseBoard"/>'s last read: a page or endpoint reads it (GetAsync) before building rows.</remarks>
internal sealed class TaskRows(DefinitionViews views, PauseBoard pauses)
{
    /// <summary>The row of a task read whole, with its definition text.</summary>
    public TaskRow Build(TaskRecord task, DateTimeOffset now) => Build(task, views.Get(task, now), now);

    public TaskRow Build(TaskRecord task, DefinitionView view, DateTimeOffset now)
    {
        var lastRun = task.LastRunId is { } id
            ? new RunCell(
                id,
                RunsUrl.Of(id),
                task.LastRunStatus is { } status ? RunNames.Of(status) : "unknown",
                task.LastRunStartedAt is { } started ? TimeText.Relative(started, now) : null,
                TimeText.Utc(task.LastRunStartedAt),
                task.LastRunStartedAt is { } from ? TimeText.Duration((task.LastRunFinishedAt ?? now) - from) : "-")
            : null;
        var nextRun = task.NextSlotUtc is { } next
            ? new NextRunCell(TimeText.Local(next, view.Zone), TimeText.Utc(next), TimeText.Relative(next, now))
            : null;
        var enabled = task.State != TaskState.Disabled && view.Definition?.Enabled != false;
        var paused = task.IsSystem || task.State == TaskState.Retired ? null : PauseView.Of(pauses.For(task.Id, now), task);
        var badge = TaskBadge.Of(task);
        return new TaskRow(
            task.Id,
            TasksUrl.Of(task.Id),
            view.Description,
            view.Schedule,
            view.Words,
            view.TimeZoneId,
            paused is not null && badge != "disabled" ? "paused" : badge,
            TaskStateNames.Of(task.State),
            enabled,
            task.IsSystem,
            !task.IsSystem && task.State != TaskState.Retired,
            lastRun,
            nextRun,
            task.NextSlotUtc,
            task.FailureStreak,
            task.ConfigError)
        {
            HasParameters = view.Definition?.Parameters.Count > 0,
            Paused = paused,
        };
    }
}
