using Scheduler.Web.Views;

namespace Scheduler.Web.Pictures;

/// <summary>
/// The strips of one folder on <c>/timeline</c>: all its tasks when few are shown or a filter narrows them, else only
/// those that need a look (as on the overview), with <see cref="Url"/> the link that shows the folder whole.
/// </summary>
public sealed record TimelineFolder(string Key, string Label, int Tasks, IReadOnlyList<StateCount> Counts, IReadOnlyList<TimelineRow> Rows, string? Url);
