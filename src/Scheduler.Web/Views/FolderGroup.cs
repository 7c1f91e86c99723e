namespace Scheduler.Web.Views;

/// <summary>
/// The tasks of one folder on the overview: <see cref="Key"/> is the folder (<c>""</c> for tasks at the top),
/// <see cref="Counts"/> how many are in each state, <see cref="Open"/> whether it starts unfolded.
/// </summary>
public sealed record FolderGroup(string Key, string Label, string DomId, IReadOnlyList<TaskRow> Tasks, IReadOnlyList<StateCount> Counts, bool Open);
