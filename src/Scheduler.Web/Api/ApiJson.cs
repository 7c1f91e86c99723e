using Scheduler.Definitions.Loading;
using Scheduler.Definitions.Runs;
using Scheduler.Definitions.Scheduling;
using Scheduler.State.Entities;
using Scheduler.Web.Views;

namespace Scheduler.Web.Api;

/// <summary>Maps store records and page rows to the API's JSON shapes; instants are UTC (written with Z).</summary>
internal static class ApiJson
{
    public static TaskJson Task(TaskRecord task, TaskRow row) => new(
        task.Id, row.Description, row.StoreState, row.Schedule, row.TimeZone, row.Enabled, LastRun(task),
        task.NextSlotUtc?.UtcDateTime, task.FailureStreak, task.ConfigError)
    {
        Paused = Pause(row.Paused),
    };

    public static TaskDetailJson TaskDetail(TaskRecord task, TaskRow row, IEnumerable<Slot> upcoming) => new(
        task.Id, row.Description, row.StoreState, row.Schedule, row.TimeZone, row.Enabled, LastRun(task),
        task.NextSlotUtc?.UtcDateTime, task.FailureStreak, task.ConfigError, ShownDefinition.Of(task.DefinitionYaml),
        [.. upcoming.Select(s => new SlotJson(s.Utc.UtcDateTime, s.Local, NoteOf(s.Note)))])
    {
        Paused = Pause(row.Paused),
    };

    public static PauseJson? Pause(PauseView? pause) =>
        pause is null ? null : new PauseJson(pause.By, pause.Reason, pause.Since.UtcDateTime, pause.Until?.UtcDateTime);

    public static RunJson Run(RunRecord run) => RunJson.From(run);

    public static RunDetailJson RunDetail(RunRecord run)
    {
        var r = RunJson.From(run);
        return new(
            r.Id, r.Task, r.Trigger, r.Slot, r.Attempt, r.Status, r.StartedAt, r.FinishedAt, r.DurationMs, r.ExitCode, r.Error, r.OutputBytes,
            r.Revision, r.Instance, r.Passed, r.Parameters, run.OutputTail);
    }

    private static LastRunJson? LastRun(TaskRecord task) => task.LastRunId is { } id
        ? new LastRunJson(id, task.LastRunStatus is { } s ? RunNames.Of(s) : "unknown", task.LastRunStartedAt?.UtcDateTime, task.LastRunFinishedAt?.UtcDateTime)
        : null;

    private static string? NoteOf(SlotNote note) => note switch
    {
        SlotNote.DstGapShifted => "dst-gap-shifted",
        SlotNote.DstRepeatedHour => "dst-repeated-hour",
        _ => null,
    };
}
