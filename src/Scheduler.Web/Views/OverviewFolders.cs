using System.Collections.Concurrent;
using Scheduler.Web.Rendering;

namespace Scheduler.Web.Views;

/// <summary>
/// The overview's folders for a filter, with their rows' HTML, kept while <see cref="TaskList"/> hands out the same
/// list (no task, pause or second changed): the overview and its filtered views are read far more often than that.
/// </summary>
internal sealed class OverviewFolders(RowHtml html)
{
    private const int FiltersKept = 64;
    private readonly ConcurrentDictionary<TaskFilter, Kept> _kept = new();

    public async Task<(IReadOnlyList<FolderGroup> Folders, int Shown)> GetAsync(IReadOnlyList<ListedTask> tasks, TaskFilter filter)
    {
        if (_kept.TryGetValue(filter, out var kept) && ReferenceEquals(kept.From, tasks))
        {
            return (kept.Folders, kept.Shown);
        }

        var shown = tasks.Select(t => t.Row).Where(filter.Matches).ToList();
        var folders = await html.AttachAsync(FolderGroups.Group(shown, filter));
        if (_kept.Count >= FiltersKept)
        {
            _kept.Clear(); // many different filters asked for at once: start again rather than grow
        }

        _kept[filter] = new Kept(tasks, folders, shown.Count);
        return (folders, shown.Count);
    }

    private sealed record Kept(IReadOnlyList<ListedTask> From, IReadOnlyList<FolderGroup> Folders, int Shown);
}
