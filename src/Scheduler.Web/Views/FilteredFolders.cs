namespace Scheduler.Web.Views;

/// <summary>The folders of the tasks a filter matches (<see cref="FolderGroups"/>) and how many tasks matched.</summary>
internal sealed record FilteredFolders(IReadOnlyList<FolderGroup> Folders, int Shown);
