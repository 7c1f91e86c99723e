using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Scheduler.State.Store;
using Scheduler.Web.Views;

namespace Scheduler.Web.Live;

/// <summary>
/// <c>GET /events</c>: one server-sent event stream per open page (<see cref="LivePage"/>), and
/// <c>GET /runs/{id}/output</c>: a run's stored output as a download.
/// </summary>
internal static class LiveEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var live = app.MapGroup("").ExcludeFromDescription();
        live.MapGet("/events", StreamAsync);
        live.MapGet("/runs/{id:long}/output", OutputAsync);
    }

    private static async Task<IResult> StreamAsync(
        HttpContext context, PageBuilder builder, LiveParts parts, StoreChanges changes, IHostApplicationLifetime lifetime)
    {
        if (LivePage.From(context.Request.Query) is not { } page)
        {
            return TypedResults.BadRequest("/events needs ?page=overview (with the overview's q, state, folder), ?page=task&id=TASK or ?page=run&id=RUN.");
        }

        var form = builder.Token(context); // before the response starts: it may set the antiforgery cookie
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var current = context.Request.Headers["Last-Event-ID"].Count == 0 && context.Request.Query["v"] == changes.Stamp;
        try
        {
            await new LiveStream(context.Response, page, form, parts, changes).RunAsync(current, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // the reader left, or the server stops: the browser reconnects to the next one
        }

        return TypedResults.Empty;
    }

    private static async Task<Results<FileContentHttpResult, NotFound<string>>> OutputAsync(long id, RunStore store, CancellationToken cancellationToken)
    {
        if (await store.GetRunAsync(id, cancellationToken) is not { } run)
        {
            return TypedResults.NotFound($"There is no run #{id}.");
        }

        return TypedResults.File(Encoding.UTF8.GetBytes(run.OutputTail), "text/plain; charset=utf-8", $"run-{id}-output.txt");
    }
}
