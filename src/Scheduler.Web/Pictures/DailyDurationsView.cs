namespace Scheduler.Web.Pictures;

/// <summary>The task page's daily p50 and p95 durations over the last 30 days, one pair of bars per day with runs.</summary>
public sealed record DailyDurationsView(IReadOnlyList<DayBar> Days, string Label, string ViewBox, string AxisY, string Longest, string FirstDay, string LastDay);

/// <summary>One day: p95 as a light bar, p50 as a dark bar in front of it (SVG numbers already written).</summary>
public sealed record DayBar(string X, string Width, string P50Y, string P50Height, string P95Y, string P95Height, string Label);
