using Scheduler.Web.Views;

namespace Scheduler.Web.Pictures;

/// <summary>
/// The model of <c>/timeline</c>: the past 24 hours and the next 24 of the tasks that match <see cref="Filter"/>,
/// one strip per task, with the hours marked along the top and now as a line in the middle.
/// </summary>
public sealed record TimelineView(
    TaskFilter Filter,
    string? FilterProblem,
    IReadOnlyList<TimelineRow> Rows,
    IReadOnlyList<TimelineMark> Hours,
    string From,
    string Now,
    string To,
    string NowX,
    int Total);

/// <summary>One task's strip: its runs as bars, its skipped and missed slots and its upcoming slots as marks.</summary>
public sealed record TimelineRow(string TaskId, string TaskUrl, IReadOnlyList<TimelineBar> Bars, IReadOnlyList<TimelineMark> Marks, string Summary);

/// <summary>A run as a bar from its start to its end (or now), coloured by status; <see cref="Label"/> says it in words.</summary>
public sealed record TimelineBar(string Url, string Status, string X, string Width, string Label);

/// <summary>A mark at one instant: <see cref="Kind"/> is <c>skipped</c>, <c>missed</c>, <c>upcoming</c> or <c>hour</c>.</summary>
public sealed record TimelineMark(string Kind, string X, string Label);
