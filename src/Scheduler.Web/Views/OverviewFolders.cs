using System.Collections.Concurrent;
using Scheduler.Web.Components.Pages;
using Scheduler.Web.Rendering;

namespace Scheduler.Web.Views;

/// <summary>
/// The folders of the lists for a filter (<see cref="FolderGroups"/>), kept while <see cref="TaskList"/> serves the same
/// snapshot: the overview and its filtered views (which also need their rows' HTML) and <c>/timeline</c> (which does
/// not) are read far more often than a snapshot changes. <see cref="ListRefresher"/> builds them again for each new
/// snapshot, for the filters asked for in the last seconds, so the request after the turn of a second finds them ready.
/// </summary>
internal sealed class OverviewFolders(RowHtml html, ComponentRenderer renderer, TimeProvider time)
{
    private const int FiltersKept = 64;
    private readonly ConcurrentDictionary<TaskFilter, Kept> _kept = new();

    /// <summary>The folders of the tasks <paramref name="filter"/> matches, with the HTML of the rows they show and of the whole list (the overview).</summary>
    public async Task<FilteredFolders> WithHtmlAsync(IReadOnlyList<ListedTask> tasks, TaskFilter filter)
    {
        var kept = Of(tasks, filter);
        kept.HtmlAskedAt = time.GetUtcNow().UtcTicks;
        return await kept.Html.Value;
    }

    /// <summary>The folders of the tasks <paramref name="filter"/> matches, without HTML (<c>/timeline</c>).</summary>
    public FilteredFolders Grouped(IReadOnlyList<ListedTask> tasks, TaskFilter filter) => Of(tasks, filter).Grouped;

    /// <summary>Builds the folders of <paramref name="tasks"/> for every filter asked for since <paramref name="since"/>, with HTML where it was asked for.</summary>
    public async Task WarmAsync(IReadOnlyList<ListedTask> tasks, DateTimeOffset since)
    {
        foreach (var (filter, kept) in _kept)
        {
            if (kept.AskedAt >= since.UtcTicks && !ReferenceEquals(kept.From, tasks))
            {
                var warm = Of(tasks, filter, kept.AskedAt);
                if (kept.HtmlAskedAt >= since.UtcTicks)
                {
                    warm.HtmlAskedAt = kept.HtmlAskedAt;
                    await warm.Html.Value;
                }
            }
        }
    }

    private Kept Of(IReadOnlyList<ListedTask> tasks, TaskFilter filter, long? askedAt = null)
    {
        var now = askedAt ?? time.GetUtcNow().UtcTicks;
        if (_kept.TryGetValue(filter, out var kept) && ReferenceEquals(kept.From, tasks))
        {
            kept.AskedAt = Math.Max(kept.AskedAt, now);
            return kept;
        }

        var shown = tasks.Select(t => t.Row).Where(filter.Matches).ToList();
        var grouped = new FilteredFolders(FolderGroups.Group(shown, filter), shown.Count);
        var fresh = new Kept(tasks, grouped, filter, html, renderer) { AskedAt = now };
        if (_kept.Count >= FiltersKept && !_kept.ContainsKey(filter))
        {
            _kept.Clear(); // many different filters asked for at once: start again rather than grow
        }

        _kept[filter] = fresh;
        return fresh;
    }

    private sealed class Kept(IReadOnlyList<ListedTask> from, FilteredFolders grouped, TaskFilter filter, RowHtml html, ComponentRenderer renderer)
    {
        public IReadOnlyList<ListedTask> From { get; } = from;

        public FilteredFolders Grouped { get; } = grouped;

        // Rendered once per snapshot and filter, by whoever asks first (a request or the refresher): the rows by value
        // (most are the same as a second ago), then the folders around them, which every request of the view inserts as they are.
        public Lazy<Task<FilteredFolders>> Html { get; } = new(async () =>
        {
            var folders = await html.AttachAsync(grouped.Folders);
            var list = await renderer.RenderAsync<FolderList>(new Dictionary<string, object?>(StringComparer.Ordinal) { ["Folders"] = folders, ["Filter"] = filter });
            return new FilteredFolders(folders, grouped.Shown) { Html = list };
        });

        public long AskedAt { get; set; }

        public long HtmlAskedAt { get; set; } = long.MinValue;
    }
}
