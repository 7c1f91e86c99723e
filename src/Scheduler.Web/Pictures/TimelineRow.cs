namespace Scheduler.Web.Pictures;

/// <summary>One task's strip: its runs as bars, its skipped and missed slots and its upcoming slots as marks.</summary>
public sealed record TimelineRow(string TaskId, string TaskUrl, IReadOnlyList<TimelineBar> Bars, IReadOnlyList<TimelineMark> Marks, string Summary);
