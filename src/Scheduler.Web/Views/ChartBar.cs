namespace Scheduler.Web.Views;

/// <summary>One bar of a chart, its geometry already written as SVG numbers (invariant culture), and what it says.</summary>
public sealed record ChartBar(string Url, string Status, string X, string Y, string Width, string Height, string Label);
