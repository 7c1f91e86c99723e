using System.Collections.Concurrent;
using Scheduler.Web.Components;
using Scheduler.Web.Components.Pages;
using Scheduler.Web.Rendering;
using Scheduler.Web.Views;

namespace Scheduler.Web.Live;

/// <summary>
/// The parts of a page that a stream keeps up to date, by event name, rendered by the same components as the
/// page. The overview's parts are the same for every stream of one filter at one version of the store (a row
/// carries no form token of its own), so they are built and rendered once per change and filter, then shared: 200
/// open overviews cost one build when something changes, not 200.
/// </summary>
internal sealed class LiveParts(PageBuilder builder, ComponentRenderer renderer, RowHtml rows, StoreChanges changes)
{
    private const int FiltersKept = 64;
    private readonly ConcurrentDictionary<TaskFilter, (long Version, Lazy<Task<Dictionary<string, string>>> Parts)> _overviews = new();

    /// <summary>The overview's parts at the store's current version; the streams read them and must not change them.</summary>
    public Task<Dictionary<string, string>> OverviewAsync(LivePage page, FormToken form)
    {
        var version = changes.Version;
        if (_overviews.Count > FiltersKept)
        {
            _overviews.Clear(); // many different filters open at once: start again rather than grow
        }

        // Not the stream's token: the parts are shared, and one reader leaving must not cancel them for the others.
        var entry = _overviews.AddOrUpdate(
            page.Filter,
            _ => (version, new Lazy<Task<Dictionary<string, string>>>(() => BuildOverviewAsync(page.Filter, form))),
            (_, old) => old.Version == version && !old.Parts.Value.IsFaulted ? old : (version, new Lazy<Task<Dictionary<string, string>>>(() => BuildOverviewAsync(page.Filter, form))));
        return entry.Parts.Value;
    }

    private async Task<Dictionary<string, string>> BuildOverviewAsync(TaskFilter filter, FormToken form)
    {
        var view = await builder.OverviewAsync(form, filter, null, CancellationToken.None);
        var parts = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["header"] = await renderer.RenderAsync<StatusHeader>(ModelParameters.Of(view.Header)),
            ["shown"] = OverviewLive.ShownText(view),
            ["instances"] = await renderer.RenderAsync<InstanceRows>(ModelParameters.Of(view.Instances)),
            // The folders and the tasks in them: when this changes, the folders are sent whole.
            ["structure"] = string.Join('\n', view.Folders.Select(f => f.Key + ":" + string.Join(',', f.Rows.Select(t => t.Id)))),
        };
        foreach (var folder in view.Folders)
        {
            parts["counts:" + folder.Key] = await renderer.RenderAsync<FolderCounts>(new Dictionary<string, object?> { ["Folder"] = folder });
            foreach (var task in folder.Rows) // the others are not on the page
            {
                parts["task:" + task.Id] = await rows.OfAsync(task);
            }
        }

        return parts;
    }

    public async Task<string> FoldersAsync(LivePage page, FormToken form, CancellationToken cancellationToken)
    {
        var view = await builder.OverviewAsync(form, page.Filter, null, cancellationToken);
        return view.FoldersHtml ?? await renderer.RenderAsync<FolderList>(new Dictionary<string, object?>(StringComparer.Ordinal) { ["Folders"] = view.Folders, ["Filter"] = view.Filter });
    }

    public async Task<Dictionary<string, string>?> TaskAsync(string taskId, FormToken form, CancellationToken cancellationToken)
    {
        if (await builder.TaskAsync(form, taskId, null, cancellationToken) is not { } view)
        {
            return null;
        }

        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["facts"] = await renderer.RenderAsync<TaskFacts>(new Dictionary<string, object?> { ["Model"] = view.Task, ["Form"] = view.Form }),
            ["chart"] = await renderer.RenderAsync<DurationChart>(ModelParameters.Of(view.Chart)),
            ["runs"] = await renderer.RenderAsync<RunHistory>(ModelParameters.Of(view)),
        };
    }

    public async Task<(Dictionary<string, string> Parts, string Output, long OutputBytes, bool Running)?> RunAsync(long runId, FormToken form, CancellationToken cancellationToken)
    {
        if (await builder.RunAsync(form, runId, cancellationToken) is not { } view)
        {
            return null;
        }

        var parts = new Dictionary<string, string>(StringComparer.Ordinal) { ["fields"] = await renderer.RenderAsync<RunFields>(ModelParameters.Of(view)) };
        return (parts, view.OutputTail, view.OutputBytes, view.IsRunning);
    }
}
