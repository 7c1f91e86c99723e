namespace Scheduler.Web.Pictures;

/// <summary>One task's strip: its runs as bars (runs closer than a unit apart with the same status merged), its skipped, missed and upcoming slots as one path per kind.</summary>
public sealed record TimelineRow(string TaskId, string TaskUrl, IReadOnlyList<TimelineBar> Bars, IReadOnlyList<TimelinePath> Paths, string Summary);
