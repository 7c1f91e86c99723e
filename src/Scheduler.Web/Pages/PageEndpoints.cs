using Htmx;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Scheduler.Web.Components.Pages;
using Scheduler.Web.Views;

namespace Scheduler.Web.Pages;

/// <summary>
/// The status page: <c>/</c>, <c>/tasks/{id}</c>, <c>/runs/{id}</c>. Each works as a plain page (links and
/// forms, no script needed); htmx polls the same URL and gets back only the live part.
/// </summary>
internal static class PageEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("").ExcludeFromDescription();
        pages.MapGet("/", OverviewAsync);
        pages.MapGet("/tasks/{**id}", TaskAsync);
        pages.MapGet("/runs/{id:long}", RunAsync);
    }

    private static async Task<HtmlResult> OverviewAsync(HttpContext context, PageBuilder builder, PageResults results, CancellationToken cancellationToken)
    {
        var (filter, problem) = TaskFilter.From(context.Request.Query);
        var view = await builder.OverviewAsync(context, filter, problem, cancellationToken);
        return context.Request.IsHtmx()
            ? await results.FragmentAsync<OverviewLive>(view)
            : await results.PageAsync<OverviewPage>("Tasks", view);
    }

    private static async Task<HtmlResult> TaskAsync(
        string id, long? before, HttpContext context, PageBuilder builder, PageResults results, CancellationToken cancellationToken)
    {
        var taskId = Uri.UnescapeDataString(id);
        if (await builder.TaskAsync(context, taskId, before, cancellationToken) is not { } view)
        {
            return await results.NotFoundAsync("No such task", $"There is no task '{taskId}'. Its id is its file's path under schedules/ without the extension.");
        }

        return context.Request.IsHtmx() ? await results.FragmentAsync<TaskLive>(view) : await TaskPageAsync(results, view);
    }

    private static async Task<HtmlResult> RunAsync(long id, HttpContext context, PageBuilder builder, PageResults results, CancellationToken cancellationToken)
    {
        if (await builder.RunAsync(context, id, cancellationToken) is not { } view)
        {
            return await results.NotFoundAsync("No such run", $"There is no run #{id}; old runs are deleted by system/history-retention.");
        }

        return context.Request.IsHtmx() ? await results.FragmentAsync<RunLive>(view) : await RunPageAsync(results, view);
    }

    public static Task<HtmlResult> TaskPageAsync(PageResults results, TaskPageView view, Notice? notice = null, int status = StatusCodes.Status200OK) =>
        results.PageAsync<TaskPage>(view.Task.Id, view, notice, status);

    public static Task<HtmlResult> RunPageAsync(PageResults results, RunPageView view, Notice? notice = null, int status = StatusCodes.Status200OK) =>
        results.PageAsync<RunPage>($"Run #{view.Id}", view, notice, status);
}
