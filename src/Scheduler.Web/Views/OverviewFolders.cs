using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Scheduler.Web.Components.Pages;
using Scheduler.Web.Rendering;

namespace Scheduler.Web.Views;

/// <summary>
/// The folders of the lists for a filter (<see cref="FolderGroups"/>), kept with the snapshot they were built from
/// (<see cref="TaskList"/>): the overview and its filtered views (which also need their rows' HTML) and <c>/timeline</c>
/// (which does not) are read far more often than a snapshot changes. <see cref="ListRefresher"/> builds them for each
/// new snapshot, for the filters asked for in the last seconds, before the snapshot is served.
/// </summary>
internal sealed class OverviewFolders(RowHtml html, ComponentRenderer renderer, TimeProvider time)
{
    private const int FiltersKept = 64;

    // Per snapshot (by its list, held weakly: a snapshot no request holds goes with its folders), so the one being
    // served and the one being prepared do not push each other's folders out.
    private readonly ConditionalWeakTable<IReadOnlyList<ListedTask>, ConcurrentDictionary<TaskFilter, Kept>> _bySnapshot = new();
    private readonly ConcurrentDictionary<TaskFilter, Asked> _asked = new();

    /// <summary>The folders of the tasks <paramref name="filter"/> matches, with the HTML of the rows they show and of the whole list (the overview).</summary>
    public async Task<FilteredFolders> WithHtmlAsync(IReadOnlyList<ListedTask> tasks, TaskFilter filter)
    {
        Ask(filter, html: true);
        return await Of(tasks, filter).Html.Value;
    }

    /// <summary>The folders of the tasks <paramref name="filter"/> matches, without HTML (<c>/timeline</c>).</summary>
    public FilteredFolders Grouped(IReadOnlyList<ListedTask> tasks, TaskFilter filter)
    {
        Ask(filter, html: false);
        return Of(tasks, filter).Grouped;
    }

    /// <summary>Builds the folders of <paramref name="tasks"/> for every filter asked for since <paramref name="since"/>, with HTML where it was asked for.</summary>
    public async Task WarmAsync(IReadOnlyList<ListedTask> tasks, DateTimeOffset since)
    {
        foreach (var (filter, asked) in _asked)
        {
            if (asked.HtmlAt >= since.UtcTicks)
            {
                await Of(tasks, filter).Html.Value;
            }
            else if (asked.At >= since.UtcTicks)
            {
                _ = Of(tasks, filter);
            }
        }
    }

    private void Ask(TaskFilter filter, bool html)
    {
        var now = time.GetUtcNow().UtcTicks;
        if (_asked.Count >= FiltersKept && !_asked.ContainsKey(filter))
        {
            _asked.Clear(); // many different filters asked for at once: start again rather than grow
        }

        _asked.AddOrUpdate(filter, _ => new Asked(now, html ? now : long.MinValue), (_, old) => new Asked(now, html ? now : old.HtmlAt));
    }

    private Kept Of(IReadOnlyList<ListedTask> tasks, TaskFilter filter)
    {
        var kept = _bySnapshot.GetValue(tasks, _ => new ConcurrentDictionary<TaskFilter, Kept>());
        if (kept.TryGetValue(filter, out var found))
        {
            return found;
        }

        if (kept.Count >= FiltersKept)
        {
            kept.Clear();
        }

        var shown = tasks.Select(t => t.Row).Where(filter.Matches).ToList();
        var grouped = new FilteredFolders(FolderGroups.Group(shown, filter), shown.Count);
        return kept.GetOrAdd(filter, new Kept(grouped, filter, html, renderer));
    }

    private sealed record Asked(long At, long HtmlAt);

    private sealed class Kept(FilteredFolders grouped, TaskFilter filter, RowHtml html, ComponentRenderer renderer)
    {
        public FilteredFolders Grouped { get; } = grouped;

        // Rendered once per snapshot and filter, by whoever asks first (a request or the refresher): the rows by value
        // (most are the same as a second ago), then the folders around them, which every request of the view inserts as they are.
        public Lazy<Task<FilteredFolders>> Html { get; } = new(async () =>
        {
            var folders = await html.AttachAsync(grouped.Folders);
            var list = await renderer.RenderAsync<FolderList>(new Dictionary<string, object?>(StringComparer.Ordinal) { ["Folders"] = folders, ["Filter"] = filter });
            return new FilteredFolders(folders, grouped.Shown) { Html = list };
        });
    }
}
