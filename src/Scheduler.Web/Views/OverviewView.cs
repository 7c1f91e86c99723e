namespace Scheduler.Web.Views;

/// <summary>
/// The model of <c>/</c>: the header, the tasks that match <see cref="Filter"/> grouped by folder, how many match of
/// how many, and the instances; <see cref="Stamp"/> the live stream's version it was built at. <see cref="FilterProblem"/> says why a part of the query was ignored.
/// </summary>
public sealed record OverviewView(
    HeaderView Header,
    TaskFilter Filter,
    string? FilterProblem,
    IReadOnlyList<FolderGroup> Folders,
    int Shown,
    int Total,
    FormToken Form,
    IReadOnlyList<InstanceRow> Instances,
    string Stamp)
{
    /// <summary>The HTML of <see cref="Folders"/> as <c>FolderList</c> renders them, when rendered ahead (<see cref="OverviewFolders"/>): the page inserts it as it is.</summary>
    public string? FoldersHtml { get; init; }
}
