using System.Globalization;
using System.Net;
using System.Text;
using Scheduler.Definitions.Runs;
using Scheduler.Definitions.Values;
using Scheduler.State.Entities;

namespace Scheduler.Web.Rendering;

/// <summary>
/// The task page's chart of recent run durations: one bar per run, oldest left, as inline SVG built on the
/// server (no script). Colours come from the stylesheet by status class; each bar's title says the run.
/// </summary>
internal static class DurationChart
{
    private const int Width = 600;
    private const int Height = 120;
    private const int Gap = 2;
    private const double MaxBarWidth = 24; // a task with few runs gets narrow bars from the left, not one wall of colour

    public static SafeHtml Render(IReadOnlyList<RunRecord> newestFirst)
    {
        var runs = newestFirst.Where(r => r.StartedAt is not null).Reverse().ToList();
        if (runs.Count == 0)
        {
            return new SafeHtml("<p class=\"muted\">No runs with a duration yet.</p>");
        }

        var seconds = runs.Select(r => ((r.FinishedAt ?? r.StartedAt!.Value) - r.StartedAt!.Value).TotalSeconds).ToList();
        var max = Math.Max(seconds.Max(), 0.001);
        var barWidth = Math.Clamp((Width - (Gap * runs.Count)) / (double)runs.Count, 1, MaxBarWidth);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height + 14}\" role=\"img\" aria-label=\"Durations of the last {runs.Count} runs, longest {Encode(TimeText.Duration(TimeSpan.FromSeconds(max)))}\" data-testid=\"duration-chart\">");
        for (var i = 0; i < runs.Count; i++)
        {
            var run = runs[i];
            var height = Math.Max(seconds[i] / max * Height, 1);
            var x = i * (barWidth + Gap);
            var status = RunNames.Of(run.Status);
            var title = $"#{run.Id} {status} {TimeText.Duration(TimeSpan.FromSeconds(seconds[i]))} at {TimeText.Utc(run.StartedAt!.Value)}";
            svg.Append(CultureInfo.InvariantCulture,
                $"<a href=\"/runs/{run.Id}\"><rect class=\"bar status-{Encode(status)}\" x=\"{x:0.##}\" y=\"{Height - height:0.##}\" width=\"{barWidth:0.##}\" height=\"{height:0.##}\"><title>{Encode(title)}</title></rect></a>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"axis\" x=\"0\" y=\"{Height + 12}\">max {Encode(TimeText.Duration(TimeSpan.FromSeconds(max)))}</text></svg>");
        return new SafeHtml(svg.ToString());
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
