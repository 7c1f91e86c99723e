using Scheduler.Web.Components;
using Scheduler.Web.Components.Pages;
using Scheduler.Web.Rendering;
using Scheduler.Web.Views;

namespace Scheduler.Web.Live;

/// <summary>
/// The parts of a page that a stream keeps up to date, by event name, rendered by the same components as the
/// page. A task row is rendered only when its row model changed since the stream last looked (most do not).
/// </summary>
internal sealed class LiveParts(PageBuilder builder, ComponentRenderer renderer)
{
    public async Task<Dictionary<string, string>?> OverviewAsync(LivePage page, FormToken form, Dictionary<string, TaskRow> rendered, Dictionary<string, string> rows, CancellationToken cancellationToken)
    {
        var view = await builder.OverviewAsync(form, page.Filter, null, cancellationToken);
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
                var unchanged = rendered.TryGetValue(task.Id, out var before) && before == task;
                if (!unchanged || !rows.TryGetValue(task.Id, out var html))
                {
                    html = await renderer.RenderAsync<TaskLine>(new Dictionary<string, object?> { ["Model"] = task });
                    rows[task.Id] = html;
                    rendered[task.Id] = task;
                }

                parts["task:" + task.Id] = html;
            }
        }

        return parts;
    }

    public async Task<string> FoldersAsync(LivePage page, FormToken form, CancellationToken cancellationToken)
    {
        var view = await builder.OverviewAsync(form, page.Filter, null, cancellationToken);
        return await renderer.RenderAsync<FolderList>(ModelParameters.Of(view));
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

    public async Task<(Dictionary<string, string> Parts, string Output, long OutputBytes)?> RunAsync(long runId, FormToken form, CancellationToken cancellationToken)
    {
        if (await builder.RunAsync(form, runId, cancellationToken) is not { } view)
        {
            return null;
        }

        var parts = new Dictionary<string, string>(StringComparer.Ordinal) { ["fields"] = await renderer.RenderAsync<RunFields>(ModelParameters.Of(view)) };
        return (parts, view.OutputTail, view.OutputBytes);
    }
}
