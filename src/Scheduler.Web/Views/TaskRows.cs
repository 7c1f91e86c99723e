using Scheduler.Definitions.Runs;
using Scheduler.Definitions.Values;
using Scheduler.Definitions.Scheduling;
using Scheduler.State.Entities;
using Scheduler.State.Store;
using Scheduler.Web.Rendering;

namespace Scheduler.Web.Views;

/// <summary>Builds <see cref="TaskRow"/>s from task records and their parsed definitions.</summary>
/// <remarks>The pause comes from the <see cref="PauseBoard"/>'s last read: a page or endpoint reads it (GetAsync) before building rows.</remarks>
internal sealed class TaskRows(Engine.Registry.DefinitionRegistry definitions, PauseBoard pauses)
{
    public TaskRow Build(TaskRecord task, DateTimeOffset now)
    {
        var definition = definitions.Get(task, now);
        var zone = definition?.Slots.TimeZone ?? TimeZoneInfo.Utc;
        // System tasks are registry entries like the rest; a stored task that does not parse (or a system task of
        // settings this process does not have) shows no schedule.
        var (description, schedule, words) = definition is not null
            ? (definition.Description, definition.Schedule.Describe(), ScheduleWords.Of(definition.Schedule))
            : (null, task.IsSystem ? "built in" : "-", null);
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
            ? new NextRunCell(TimeText.Local(next, zone), TimeText.Utc(next), TimeText.Relative(next, now))
            : null;
        var enabled = task.State != TaskState.Disabled && definition?.Enabled != false;
        var paused = task.IsSystem || task.State == TaskState.Retired ? null : PauseView.Of(pauses.For(task.Id, now), task);
        var badge = TaskBadge.Of(task);
        return new TaskRow(
            task.Id,
            TasksUrl.Of(task.Id),
            description,
            schedule,
            words,
            definition?.Schedule.TimeZoneId ?? "UTC",
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
            HasParameters = definition?.Parameters.Count > 0,
            Paused = paused,
        };
    }
}
