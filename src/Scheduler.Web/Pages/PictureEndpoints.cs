using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Scheduler.Web.Components.Pages;
using Scheduler.Web.Pictures;
using Scheduler.Web.Views;

namespace Scheduler.Web.Pages;

/// <summary>
/// The pictures of time: <c>/timeline</c> and <c>/calendar.ics</c> (both take the overview's <c>q</c>, <c>state</c>
/// and <c>folder</c>) and <c>/failures</c>. Drawn on the server: they read without script.
/// </summary>
internal static class PictureEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("").ExcludeFromDescription();
        pages.MapGet("/timeline", TimelineAsync);
        pages.MapGet("/failures", FailuresAsync);
        pages.MapGet("/calendar.ics", CalendarAsync);
    }

    private static async Task<HtmlResult> TimelineAsync(HttpContext context, PicturePages pictures, PageResults results, CancellationToken cancellationToken)
    {
        var (filter, problem) = TaskFilter.From(context.Request.Query);
        return await results.PageAsync<TimelinePage>("Timeline", await pictures.TimelineAsync(filter, problem, cancellationToken));
    }

    private static async Task<HtmlResult> FailuresAsync(PicturePages pictures, PageResults results, CancellationToken cancellationToken) =>
        await results.PageAsync<FailuresPage>("Failures", await pictures.FailuresAsync(cancellationToken));

    private static async Task<Results<ContentHttpResult, BadRequest<string>>> CalendarAsync(HttpContext context, PicturePages pictures, CancellationToken cancellationToken)
    {
        var (filter, problem) = TaskFilter.From(context.Request.Query);
        if (problem is not null)
        {
            return TypedResults.BadRequest(problem);
        }

        var feed = await pictures.CalendarAsync(filter, PicturePages.Site(context.Request), cancellationToken);
        return TypedResults.Content(feed, "text/calendar; charset=utf-8");
    }
}
