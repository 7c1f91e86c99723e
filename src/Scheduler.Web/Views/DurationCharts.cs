using Scheduler.Definitions.Values;
using System.Globalization;
using Scheduler.Definitions.Runs;
using Scheduler.State.Entities;
using Scheduler.Web.Rendering;

namespace Scheduler.Web.Views;

/// <summary>
/// Lays out <see cref="DurationChartView"/>: one bar per run with a start, oldest left, heights relative to the
/// longest. The geometry is decided here and drawn by <c>DurationChart.razor</c>.
/// </summary>
internal static class DurationCharts
{
    private const int Width = 600;
    private const int Height = 120;
    private const int Gap = 2;
    private const double MaxBarWidth = 24; // a task with few runs gets narrow bars from the left, not one wall of colour

    public static DurationChartView Build(IReadOnlyList<RunRecord> newestFirst)
    {
        var runs = newestFirst.Where(r => r.StartedAt is not null).Reverse().ToList();
        if (runs.Count == 0)
        {
            return new DurationChartView([], "", "", "", "");
        }

        var seconds = runs.Select(r => ((r.FinishedAt ?? r.StartedAt!.Value) - r.StartedAt!.Value).TotalSeconds).ToList();
        var max = Math.Max(seconds.Max(), 0.001);
        var barWidth = Math.Clamp((Width - (Gap * runs.Count)) / (double)runs.Count, 1, MaxBarWidth);
        var bars = new List<ChartBar>(runs.Count);
        for (var i = 0; i < runs.Count; i++)
        {
            var run = runs[i];
            var height = Math.Max(seconds[i] / max * Height, 1);
            var status = RunNames.Of(run.Status);
            bars.Add(new ChartBar(
                RunsUrl.Of(run.Id),
                status,
                Number(i * (barWidth + Gap)),
                Number(Height - height),
                Number(barWidth),
                Number(height),
                $"#{run.Id} {status} {TimeText.Duration(TimeSpan.FromSeconds(seconds[i]))} at {TimeText.Utc(run.StartedAt!.Value)}"));
        }

        var longest = TimeText.Duration(TimeSpan.FromSeconds(max));
        return new DurationChartView(
            bars,
            $"Durations of the last {runs.Count} runs, longest {longest}",
            longest,
            $"0 0 {Width} {Height + 14}",
            Number(Height + 12));
    }

    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
