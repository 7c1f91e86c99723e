using System.Globalization;
using System.Text;
using Scheduler.Definitions.Runs;
using Scheduler.Definitions.Scheduling;
using Scheduler.Definitions.Values;
using Scheduler.Web.Views;

namespace Scheduler.Web.Pictures;

/// <summary>
/// Lays out one task's strip of <c>/timeline</c>: 48 hours across <see cref="Width"/> units, now in the middle. A
/// slot the schedule had in the past 24 hours with no run row is marked missed (passed over while the scheduler
/// was down, or by catch-up) if the definition as applied had it; tasks that fire more often than
/// <see cref="MaxSlots"/> times a day are not searched for missed slots and show at most that many upcoming
/// ticks, which would be a solid band anyway. A unit is about a pixel (3 minutes): runs of the same status
/// closer than that are one bar, and each kind of mark is one path, so a task that runs every minute draws a
/// few elements, not 1,440.
/// </summary>
internal static class Timelines
{
    public const int Width = 960;
    public const int MaxSlots = 96;
    public static readonly TimeSpan Half = TimeSpan.FromHours(24);
    private const int TimesListed = 5;

    public static IReadOnlyList<TimelineMark> Hours(DateTimeOffset now)
    {
        var from = now - Half;
        var hours = new List<TimelineMark>();
        var firstHour = new DateTimeOffset(from.Year, from.Month, from.Day, from.Hour, 0, 0, TimeSpan.Zero).AddHours(1);
        for (var h = firstHour; h < now + Half; h = h.AddHours(3))
        {
            hours.Add(new TimelineMark("hour", N(X(h, from)), h.ToString("HH:mm", CultureInfo.InvariantCulture)));
        }

        return hours;
    }

    public static TimelineRow Row(TaskRow task, Schedule? schedule, DateTimeOffset appliedAt, IEnumerable<RunBrief> runs, DateTimeOffset now)
    {
        var from = now - Half;
        var recent = runs.Where(r => (r.StartedAt ?? r.SlotUtc) >= from).OrderBy(r => r.Id).ToList();
        var started = recent.Where(r => r.StartedAt is not null).ToList();
        var bars = Bars(task, started, from, now);
        var unstarted = recent.Where(r => r.StartedAt is null).ToList();
        var paths = new List<TimelinePath>();
        foreach (var group in unstarted.GroupBy(r => RunNames.Of(r.Status)))
        {
            Add(paths, group.Key, [.. group.Select(r => r.SlotUtc)], from, x => $"M{N(x - 4)} 6h8l-4 8z", group.Key);
        }

        var missed = 0;
        var upcoming = 0;
        if (schedule is not null)
        {
            var seen = recent.Select(r => r.SlotUtc).ToHashSet();
            // Only slots of the definition as applied, and not the last minute's, which may still be being claimed.
            var past = Slots(schedule, appliedAt > from ? appliedAt : from, now - TimeSpan.FromMinutes(1));
            var gaps = past.Count < MaxSlots ? past.Where(s => !seen.Contains(s)).ToList() : [];
            missed = gaps.Count;
            Add(paths, "missed", gaps, from, x => $"M{N(x - 4)} 6l8 8m0-8l-8 8", "missed");
            var next = Slots(schedule, now, now + Half);
            upcoming = next.Count;
            Add(paths, "upcoming", next, from, x => $"M{N(x)} 5v10", "upcoming");
        }

        var failed = started.Count(r => r.Status is RunStatus.Failed or RunStatus.TimedOut or RunStatus.Interrupted);
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{started.Count} runs ({failed} not succeeded), {unstarted.Count(r => r.Status == RunStatus.Skipped)} skipped, {missed} missed, {upcoming} upcoming");
        return new TimelineRow(task.Id, task.Url, bars, paths, summary);
    }

    // Runs in start order; one of the same status that starts within a unit of the bar before joins it.
    private static List<TimelineBar> Bars(TaskRow task, List<RunBrief> runs, DateTimeOffset from, DateTimeOffset now)
    {
        var bars = new List<TimelineBar>();
        var i = 0;
        while (i < runs.Count)
        {
            var first = runs[i];
            var start = X(first.StartedAt!.Value, from);
            var end = Math.Max(X(first.FinishedAt ?? now, from), start + 2);
            var last = first;
            var j = i + 1;
            while (j < runs.Count && runs[j].Status == first.Status && X(runs[j].StartedAt!.Value, from) <= end + 1)
            {
                last = runs[j];
                end = Math.Max(end, Math.Max(X(last.FinishedAt ?? now, from), X(last.StartedAt!.Value, from) + 2));
                j++;
            }

            var status = RunNames.Of(first.Status);
            var count = j - i;
            bars.Add(count == 1
                ? new TimelineBar(RunsUrl.Of(first.Id), status, N(start), N(end - start),
                    $"#{first.Id} {status}, started {TimeText.Utc(first.StartedAt)}, {TimeText.Duration((first.FinishedAt ?? now) - first.StartedAt!.Value)}")
                : new TimelineBar(task.Url, status, N(start), N(end - start),
                    $"{count} runs {status}, #{first.Id} to #{last.Id}, started {TimeText.Utc(first.StartedAt)} to {TimeText.Utc(last.StartedAt)}"));
            i = j;
        }

        return bars;
    }

    private static void Add(List<TimelinePath> paths, string kind, List<DateTimeOffset> at, DateTimeOffset from, Func<double, string> shape, string word)
    {
        if (at.Count == 0)
        {
            return;
        }

        at.Sort();
        var d = new StringBuilder();
        var lastX = double.NaN;
        foreach (var instant in at)
        {
            var x = X(instant, from);
            if (double.IsNaN(lastX) || Math.Abs(x - lastX) >= 0.5) // marks closer than half a unit would be drawn on top of each other
            {
                d.Append(shape(x));
                lastX = x;
            }
        }

        var times = string.Join(", ", at.Take(TimesListed).Select(t => TimeText.Utc(t)));
        var label = kind == "upcoming"
            ? $"{at.Count} upcoming slots, the next at {TimeText.Utc(at[0])}"
            : $"{at.Count} {word} slot{(at.Count == 1 ? "" : "s")}: {times}{(at.Count > TimesListed ? ", …" : "")}";
        paths.Add(new TimelinePath(kind, d.ToString(), at.Count, label));
    }

    private static List<DateTimeOffset> Slots(Schedule schedule, DateTimeOffset after, DateTimeOffset until) =>
        SlotRange.Between(schedule, after, until, MaxSlots);

    public static double X(DateTimeOffset instant, DateTimeOffset from) => Math.Clamp((instant - from).TotalHours * Width / 48, 0, Width);

    public static string N(double value) => DurationCharts.Number(value);
}
