namespace Scheduler.Web.Pictures;

/// <summary>The task page's daily p50 and p95 durations over the last 30 days, one pair of bars per day with runs.</summary>
public sealed record DailyDurationsView(IReadOnlyList<DayBar> Days, string Label, string ViewBox, string AxisY, string Longest, string FirstDay, string LastDay);
