namespace Scheduler.Web.Views;

/// <summary>
/// Groups the overview's rows by folder (the id up to its last <c>/</c>) in folder order, sorts each folder's rows
/// by the filter's column, and decides which folders start unfolded: all of them when few tasks are shown or a
/// filter narrows them; else each folder shows only its tasks that need a look (failing, running, invalid) and
/// starts folded when it has none. The other rows are not sent (a link shows the folder whole): 1,000 rows would
/// make the overview a megabyte.
/// </summary>
internal static class FolderGroups
{
    /// <summary>Up to this many tasks shown, every folder starts unfolded.</summary>
    public const int AllOpenUpTo = 100;

    private static readonly string[] NeedsALook = ["failing", "running", "invalid"];

    public static IReadOnlyList<FolderGroup> Group(IReadOnlyList<TaskRow> rows, TaskFilter filter)
    {
        var allOpen = rows.Count <= AllOpenUpTo || !filter.IsEmpty;
        return [.. rows
            .GroupBy(r => FolderOf(r.Id), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var tasks = Sort(g, filter);
                var counts = TaskFilter.States
                    .Select(s => new StateCount(s, tasks.Count(t => TaskFilter.StateOf(t) == s)))
                    .Where(c => c.Count > 0)
                    .ToList();
                var rows = allOpen ? tasks : [.. tasks.Where(t => NeedsALook.Contains(TaskFilter.StateOf(t)))];
                return new FolderGroup(g.Key, g.Key.Length == 0 ? "(top level)" : g.Key + "/", DomIdOf(g.Key), tasks, rows, counts);
            })];
    }

    public static string FolderOf(string taskId) => taskId.LastIndexOf('/') is var slash and > 0 ? taskId[..slash] : "";

    private static List<TaskRow> Sort(IEnumerable<TaskRow> rows, TaskFilter filter)
    {
        var sorted = filter.Sort switch
        {
            "state" => rows.OrderBy(r => StateRank(r.State)).ThenBy(r => r.Id, StringComparer.Ordinal),
            "last" => rows.OrderBy(r => r.LastRun?.WhenUtc ?? "", StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal),
            "next" => rows.OrderBy(r => r.NextRunUtc ?? DateTimeOffset.MaxValue).ThenBy(r => r.Id, StringComparer.Ordinal),
            "streak" => rows.OrderBy(r => r.FailureStreak).ThenBy(r => r.Id, StringComparer.Ordinal),
            _ => rows.OrderBy(r => r.Id, StringComparer.Ordinal),
        };
        var list = sorted.ToList();
        if (filter.Descending)
        {
            list.Reverse();
        }

        return list;
    }

    // Most important first, as the badges are ranked.
    private static int StateRank(string state) => state switch
    {
        "failing" => 0,
        "invalid-running-last-good" => 1,
        "running" => 2,
        "ok" => 3,
        "disabled" => 4,
        _ => 5,
    };

    // Folder names are lowercase letters, digits, '-', '_' and '/': safe in an id once '/' is replaced.
    private static string DomIdOf(string folder) => "folder-" + (folder.Length == 0 ? "-top" : folder.Replace('/', '.'));
}
