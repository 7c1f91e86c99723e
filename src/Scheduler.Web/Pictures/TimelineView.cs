using Scheduler.Web.Views;

namespace Scheduler.Web.Pictures;

/// <summary>
/// The model of <c>/timeline</c>: the past 24 hours and the next 24 of the tasks that match <see cref="Filter"/>,
/// one strip per task shown, by folder, with the hours marked along the top and now as a line in the middle;
/// <see cref="Shown"/> strips drawn of <see cref="Matching"/> tasks that match, of <see cref="Total"/>.
/// </summary>
public sealed record TimelineView(
    TaskFilter Filter,
    string? FilterProblem,
    IReadOnlyList<TimelineFolder> Folders,
    IReadOnlyList<TimelineMark> Hours,
    string From,
    string Now,
    string To,
    string NowX,
    int Shown,
    int Matching,
    int Total);
