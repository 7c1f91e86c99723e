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
