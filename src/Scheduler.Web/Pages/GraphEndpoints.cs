using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Scheduler.Definitions.Runs;
using Scheduler.State.Entities;
using Scheduler.State.Store;
using Scheduler.Web.Components.Pages;
using Scheduler.Web.Pictures;
using Scheduler.Web.Views;

namespace Scheduler.Web.Pages;

/// <summary><c>/graph</c>: every chain of tasks (<c>schedule.after</c>) as one server-rendered SVG.</summary>
internal static class GraphEndpoints
{
    public static void Map(IEndpointRouteBuilder app) => app.MapGroup("").ExcludeFromDescription().MapGet("/graph", GraphAsync);

    private static async Task<HtmlResult> GraphAsync(
        RunStore store, Engine.Registry.DefinitionRegistry definitions, PageResults results, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var tasks = (await store.ListTasksAsync(cancellationToken))
            .Where(t => t.State != TaskState.Retired)
            .Select(t => (t.Id, definitions.Get(t, now)?.Schedule.After, TasksUrl.Of(t.Id), t.LastRunStatus is { } s ? RunNames.Of(s) : "none"))
            .ToList();
        return await results.PageAsync<GraphPage>("Chains", ChainGraph.Build(tasks));
    }
}
