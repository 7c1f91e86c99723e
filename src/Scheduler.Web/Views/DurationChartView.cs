namespace Scheduler.Web.Views;

/// <summary>The task page's chart of recent run durations: bars oldest left, each a link to its run.</summary>
public sealed record DurationChartView(IReadOnlyList<ChartBar> Bars, string Label, string Longest, string ViewBox, string AxisY);
