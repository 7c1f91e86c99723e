namespace Scheduler.Web.Views;

/// <summary>
/// The tasks of one folder on the overview: <see cref="Key"/> is the folder (<c>""</c> for tasks at the top),
/// <see cref="Counts"/> how many are in each state, <see cref="Rows"/> the rows the page shows (all of
/// <see cref="Tasks"/>, or among many tasks only those that need a look), <see cref="Open"/> whether it starts unfolded.
/// </summary>
public sealed record FolderGroup(string Key, string Label, string DomId, IReadOnlyList<TaskRow> Tasks, IReadOnlyList<TaskRow> Rows, IReadOnlyList<StateCount> Counts)
{
    public bool Open => Rows.Count > 0;

    public bool Complete => Rows.Count == Tasks.Count;

    /// <summary>The HTML of <see cref="Rows"/>, one each, when rendered ahead (<see cref="Rendering.RowHtml"/>); else the table renders them.</summary>
    public IReadOnlyList<string>? RowsHtml { get; init; }
}
