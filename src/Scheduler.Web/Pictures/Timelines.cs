using Scheduler.Definitions.Values;
using System.Globalization;
using Scheduler.Definitions.Runs;
using Scheduler.Definitions.Scheduling;
using Scheduler.Web.Rendering;
using Scheduler.Web.Views;

namespace Scheduler.Web.Pictures;

/// <summary>
/// Lays out <see cref="TimelineView"/>: 48 hours across <see cref="Width"/> units, now in the middle. A slot
/// the schedule had in the past 24 hours with no run row is marked missed (passed over while the scheduler was
/// down, or by catch-up) if the definition as applied had it; tasks that fire more often than <see cref="MaxSlots"/> times a day are not searched
/// for missed slots and show at most that many upcoming ticks, which would be a solid band anyway.
/// </summary>
internal static class Timelines
{
    public const int Width = 960;
    public const int MaxSlots = 96;
    private static readonly TimeSpan Half = TimeSpan.FromHours(24);

    public static TimelineView Build(
        TaskFilter filter, string? problem, IReadOnlyList<(TaskRow Row, Schedule? Slots, DateTimeOffset AppliedAt)> tasks, IReadOnlyList<RunBrief> runs, DateTimeOffset now, int total)
    {
        var from = now - Half;
        var byTask = runs.ToLookup(r => r.TaskId, StringComparer.Ordinal);
        var rows = tasks.Select(t => Row(t.Row, t.Slots, t.AppliedAt, byTask[t.Row.Id], from, now)).ToList();
        var hours = new List<TimelineMark>();
        var firstHour = new DateTimeOffset(from.Year, from.Month, from.Day, from.Hour, 0, 0, TimeSpan.Zero).AddHours(1);
        for (var h = firstHour; h < now + Half; h = h.AddHours(3))
        {
            hours.Add(new TimelineMark("hour", X(h, from), h.ToString("HH:mm", CultureInfo.InvariantCulture)));
        }

        return new TimelineView(filter, problem, rows, hours, TimeText.Utc(from), TimeText.Utc(now), TimeText.Utc(now + Half), X(now, from), total);
    }

    private static TimelineRow Row(TaskRow task, Schedule? schedule, DateTimeOffset appliedAt, IEnumerable<RunBrief> runs, DateTimeOffset from, DateTimeOffset now)
    {
        var recent = runs.Where(r => (r.StartedAt ?? r.SlotUtc) >= from).OrderBy(r => r.Id).ToList();
        var bars = new List<TimelineBar>();
        var marks = new List<TimelineMark>();
        foreach (var run in recent)
        {
            var status = RunNames.Of(run.Status);
            if (run.StartedAt is not { } started)
            {
                marks.Add(new TimelineMark(status == "skipped" ? "skipped" : status, X(run.SlotUtc, from), $"#{run.Id} {status}, slot {TimeText.Utc(run.SlotUtc)}"));
                continue;
            }

            var end = run.FinishedAt ?? now;
            var width = Math.Max((end - started).TotalHours * Width / 48, 2);
            bars.Add(new TimelineBar(
                RunsUrl.Of(run.Id), status, X(started, from), DurationCharts.Number(width),
                $"#{run.Id} {status}, started {TimeText.Utc(started)}, {TimeText.Duration(end - started)}"));
        }

        if (schedule is not null)
        {
            var seen = recent.Select(r => r.SlotUtc).ToHashSet();
            // Only slots of the definition as applied, and not the last minute's, which may still be being claimed.
            var past = Slots(schedule, appliedAt > from ? appliedAt : from, now - TimeSpan.FromMinutes(1));
            if (past.Count < MaxSlots)
            {
                marks.AddRange(past.Where(s => !seen.Contains(s)).Select(s => new TimelineMark("missed", X(s, from), $"missed slot {TimeText.Utc(s)}")));
            }

            marks.AddRange(Slots(schedule, now, now + Half).Select(s => new TimelineMark("upcoming", X(s, from), $"next slot {TimeText.Utc(s)}")));
        }

        var failed = bars.Count(b => b.Status is "failed" or "timed-out" or "interrupted");
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{bars.Count} runs ({failed} not succeeded), {marks.Count(m => m.Kind == "skipped")} skipped, {marks.Count(m => m.Kind == "missed")} missed, {marks.Count(m => m.Kind == "upcoming")} upcoming");
        return new TimelineRow(task.Id, task.Url, bars, marks, summary);
    }

    private static List<DateTimeOffset> Slots(Schedule schedule, DateTimeOffset after, DateTimeOffset until)
    {
        var slots = new List<DateTimeOffset>();
        var cursor = after;
        while (slots.Count < MaxSlots && schedule.NextAfter(cursor) is { } slot && slot.Utc < until)
        {
            slots.Add(slot.Utc);
            cursor = slot.Utc;
        }

        return slots;
    }

    private static string X(DateTimeOffset instant, DateTimeOffset from) =>
        DurationCharts.Number(Math.Clamp((instant - from).TotalHours * Width / 48, 0, Width));
}
