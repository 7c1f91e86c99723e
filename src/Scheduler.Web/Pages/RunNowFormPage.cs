using Htmx;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Scheduler.Web.Actions;
using Scheduler.Web.Components;
using Scheduler.Web.Components.Pages;
using Scheduler.Web.Views;

namespace Scheduler.Web.Pages;

/// <summary>
/// The run-now form of a task with <c>params:</c>: <c>GET /actions/run-now?task=ID</c> shows it (defaults filled in),
/// and a post it refuses (400) comes back as the form with the values sent and each field's reason beside it: the whole
/// page without script, the form alone with htmx (retargeted from the notice to the form).
/// </summary>
internal static class RunNowFormPage
{
    public static async Task<HtmlResult> ShowAsync(string? task, HttpContext context, RunNowForms forms, PageResults results, CancellationToken cancellationToken)
    {
        var taskId = task ?? "";
        return await forms.BuildAsync(context, taskId, null, null, cancellationToken) is { } view
            ? await results.PageAsync<RunNowPage>($"Run {taskId}", view)
            : await results.NotFoundAsync("No parameters", $"There is no runnable task '{taskId}' with params; a task without them runs with the Run now button on its page.");
    }

    public static async Task<Results<HtmlResult, RedirectHttpResult>> RefusedAsync(
        HttpContext context, RunNowForms forms, PageResults results, string taskId, IReadOnlyDictionary<string, string> sent, ActionResult result, CancellationToken cancellationToken)
    {
        var notice = new Notice("refused", $"run now of {taskId} did not start: {result.Reason}.", null, null);
        if (await forms.BuildAsync(context, taskId, sent, result.Errors, cancellationToken) is not { } view)
        {
            return await results.NoticeAsync(notice, StatusCodes.Status400BadRequest);
        }

        if (context.Request.IsHtmx())
        {
            context.Response.Headers["HX-Retarget"] = "#run-now-params";
            context.Response.Headers["HX-Reswap"] = "outerHTML";
            return await results.FragmentAsync<RunNowParams>(view, StatusCodes.Status400BadRequest);
        }

        return await results.PageAsync<RunNowPage>($"Run {taskId}", view, notice, StatusCodes.Status400BadRequest);
    }
}
