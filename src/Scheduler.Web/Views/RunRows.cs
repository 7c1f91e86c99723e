using System.Globalization;
using Scheduler.Definitions.Runs;
using Scheduler.Definitions.Values;
using Scheduler.State.Entities;
using Scheduler.Web.Rendering;

namespace Scheduler.Web.Views;

/// <summary>Builds <see cref="RunRow"/>s.</summary>
internal static class RunRows
{
    public static RunRow Build(RunRecord run, DateTimeOffset now) => new(
        run.Id,
        RunsUrl.Of(run.Id),
        RunNames.Of(run.Trigger),
        TimeText.Utc(run.SlotUtc),
        run.Attempt,
        RunNames.Of(run.Status),
        run.StartedAt is { } started ? TimeText.Relative(started, now) : null,
        TimeText.Utc(run.StartedAt),
        DurationOf(run, now),
        run.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "-",
        run.Error,
        run.Status == RunStatus.Running);

    public static string DurationOf(RunRecord run, DateTimeOffset now) =>
        run.StartedAt is { } from ? TimeText.Duration((run.FinishedAt ?? now) - from) : "-";
}
