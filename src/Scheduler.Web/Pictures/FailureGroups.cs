using Scheduler.Definitions.Values;
using Scheduler.Definitions.Runs;
using Scheduler.Web.Rendering;
using Scheduler.Web.Views;

namespace Scheduler.Web.Pictures;

/// <summary>Groups the latest failures by task, the task with the newest failure first, and finds each run's first error line.</summary>
internal static class FailureGroups
{
    public static FailuresView Build(IReadOnlyList<FailedRun> newestFirst, int limit, DateTimeOffset now) => new(
        [.. newestFirst
            .GroupBy(r => r.TaskId, StringComparer.Ordinal)
            .Select(g => new FailureGroup(g.Key, TasksUrl.Of(g.Key), [.. g.Select(r => Line(r, now))]))],
        newestFirst.Count,
        limit);

    private static FailureLine Line(FailedRun run, DateTimeOffset now)
    {
        var when = run.StartedAt ?? run.SlotUtc;
        var error = FirstLine(run.Error);
        var output = LastLine(run.OutputTail);
        return new FailureLine(
            run.Id,
            RunsUrl.Of(run.Id),
            RunNames.Of(run.Status),
            TimeText.Relative(when, now),
            TimeText.Utc(when),
            error ?? output ?? (run.ExitCode is { } code ? $"exit code {code}" : "no error recorded"),
            error is not null ? output : null);
    }

    // The error the engine recorded is one sentence; the output's last line is often what the program said last.
    private static string? FirstLine(string? text) =>
        text?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();

    private static string? LastLine(string? text) =>
        text?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
}
