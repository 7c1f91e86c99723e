namespace Scheduler.Web.Views;

/// <summary>
/// The folders of the tasks a filter matches (<see cref="FolderGroups"/>) and how many tasks matched; with their HTML
/// (<see cref="Html"/>, as <c>FolderList</c> renders them) when the overview asked for it.
/// </summary>
internal sealed record FilteredFolders(IReadOnlyList<FolderGroup> Folders, int Shown)
{
    public string? Html { get; init; }
}
