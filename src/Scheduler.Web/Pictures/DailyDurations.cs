using Scheduler.Definitions.Values;
using System.Globalization;
using Scheduler.Web.Rendering;
using Scheduler.Web.Views;

namespace Scheduler.Web.Pictures;

/// <summary>
/// Lays out <see cref="DailyDurationsView"/>: runs grouped by the UTC day they started, p50 and p95 of each day by
/// nearest rank, heights relative to the longest p95 of the period.
/// </summary>
internal static class DailyDurations
{
    public const int Days = 30;
    private const int Width = 600;
    private const int Height = 100;

    public static DailyDurationsView Build(IReadOnlyList<(DateTimeOffset Started, DateTimeOffset Finished)> runs, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var first = today.AddDays(1 - Days);
        var days = runs
            .GroupBy(r => DateOnly.FromDateTime(r.Started.UtcDateTime))
            .Where(g => g.Key >= first)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var seconds = g.Select(r => Math.Max((r.Finished - r.Started).TotalSeconds, 0)).Order().ToList();
                return (Day: g.Key, P50: Rank(seconds, 0.50), P95: Rank(seconds, 0.95), Count: seconds.Count);
            })
            .ToList();
        if (days.Count == 0)
        {
            return new DailyDurationsView([], "", "", "", "", "", "");
        }

        var max = Math.Max(days.Max(d => d.P95), 0.001);
        var slot = Width / (double)Days;
        var bars = days.Select(d =>
        {
            var x = (d.Day.DayNumber - first.DayNumber) * slot;
            var p50 = Math.Max(d.P50 / max * Height, 1);
            var p95 = Math.Max(d.P95 / max * Height, 1);
            return new DayBar(
                DurationCharts.Number(x + 1), DurationCharts.Number(slot - 2),
                DurationCharts.Number(Height - p50), DurationCharts.Number(p50),
                DurationCharts.Number(Height - p95), DurationCharts.Number(p95),
                string.Create(CultureInfo.InvariantCulture,
                    $"{d.Day:yyyy-MM-dd}: p50 {TimeText.Duration(TimeSpan.FromSeconds(d.P50))}, p95 {TimeText.Duration(TimeSpan.FromSeconds(d.P95))}, {d.Count} runs"));
        }).ToList();
        var longest = TimeText.Duration(TimeSpan.FromSeconds(max));
        return new DailyDurationsView(
            bars,
            $"Daily median (p50) and p95 run durations over the last {Days} days, {days.Count} days with runs, longest p95 {longest}",
            $"0 0 {Width} {Height + 14}",
            DurationCharts.Number(Height + 12),
            longest,
            first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    // Nearest rank, as the benchmarks compute percentiles.
    private static double Rank(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
