using System.Globalization;
using Htmx;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Scheduler.Web.Actions;
using Scheduler.Web.Security;
using Scheduler.Web.Views;

namespace Scheduler.Web.Pages;

/// <summary>
/// The page's two actions, as form posts: <c>POST /actions/run-now</c> (field <c>task</c>) and
/// <c>POST /actions/cancel</c> (field <c>run</c>). A cross-origin request is refused (403) and the antiforgery
/// token is validated explicitly (400 without it): minimal APIs check it by themselves only for endpoints that
/// bind a form, and these read the form by hand after the check. Without script, success redirects to the run
/// (302) and a refusal shows the page with the reason (409); with htmx, the answer is the notice alone.
/// </summary>
internal static class ActionEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var actions = app.MapGroup("/actions").ExcludeFromDescription()
            .RequireAuthorization(AuthPolicies.Operator).RequireRateLimiting(AuthPolicies.WriteRateLimit);
        actions.MapGet("/run-now", RunNowFormPage.ShowAsync);
        actions.MapPost("/run-now", RunNowAsync);
        actions.MapPost("/cancel", CancelAsync);
    }

    private static async Task<Results<HtmlResult, RedirectHttpResult>> RunNowAsync(
        HttpContext context, IAntiforgery antiforgery, TaskActions actions, PageBuilder builder, RunNowForms forms, PageResults results, ILogger<TaskActions> logger,
        CancellationToken cancellationToken)
    {
        if (await RefuseAsync(context, antiforgery, results, logger) is { } refused)
        {
            return refused;
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var taskId = form["task"].ToString();
        // The button of a task without params posts no parameters; its form (RunNowParams) posts each as param.NAME.
        var parameters = form.ContainsKey(RunNowFormView.MarkerField) ? RunNowForms.Read(form) : null;
        var result = await actions.RunNowAsync(taskId, parameters, Actor.Of(context, "page"), cancellationToken);
        if (result.Outcome == ActionOutcome.Invalid)
        {
            return await RunNowFormPage.RefusedAsync(context, forms, results, taskId, parameters ?? [], result, cancellationToken);
        }

        var notice = result.Outcome == ActionOutcome.Accepted
            ? new Notice("ok", result.Reason is { } paused ? $"run now of {taskId} started ({paused}) as" : $"run now of {taskId} started as", RunsUrl.Of(result.RunId!.Value), $"run #{result.RunId}")
            : new Notice("refused", $"run now of {taskId} did not start: {result.Reason}.", null, null);
        return await AnswerAsync(context, builder, results, notice, result, taskId, cancellationToken);
    }

    private static async Task<Results<HtmlResult, RedirectHttpResult>> CancelAsync(
        HttpContext context, IAntiforgery antiforgery, TaskActions actions, PageBuilder builder, PageResults results, ILogger<TaskActions> logger, CancellationToken cancellationToken)
    {
        if (await RefuseAsync(context, antiforgery, results, logger) is { } refused)
        {
            return refused;
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        if (!long.TryParse(form["run"], NumberStyles.None, CultureInfo.InvariantCulture, out var runId))
        {
            return await results.NoticeAsync(new Notice("refused", "cancel needs the number of a run.", null, null), StatusCodes.Status400BadRequest);
        }

        var result = await actions.CancelAsync(runId, Actor.Of(context, "page"), cancellationToken);
        var notice = result.Outcome == ActionOutcome.Accepted
            ? new Notice("ok", $"run #{runId} is being stopped; it will be recorded as cancelled.", RunsUrl.Of(runId), $"run #{runId}")
            : new Notice("refused", $"run #{runId} was not cancelled: {result.Reason}.", null, null);
        return await AnswerAsync(context, builder, results, notice, result, null, cancellationToken);
    }

    private static async Task<Results<HtmlResult, RedirectHttpResult>> AnswerAsync(
        HttpContext context, PageBuilder builder, PageResults results, Notice notice, ActionResult result, string? taskId, CancellationToken cancellationToken)
    {
        var status = result.Outcome switch
        {
            ActionOutcome.Accepted => StatusCodes.Status200OK,
            ActionOutcome.NotFound => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status409Conflict,
        };
        if (context.Request.IsHtmx())
        {
            return await results.NoticeAsync(notice, status);
        }

        if (result.Outcome == ActionOutcome.Accepted)
        {
            // Post/redirect/get: a reload of the run page does not post again.
            return TypedResults.Redirect(RunsUrl.Of(result.RunId!.Value), permanent: false, preserveMethod: false);
        }

        if (taskId is not null && await builder.TaskAsync(context, taskId, null, cancellationToken) is { } taskView)
        {
            return await PageEndpoints.TaskPageAsync(results, taskView, notice, status);
        }

        if (result.RunId is { } runId && await builder.RunAsync(context, runId, cancellationToken) is { } runView)
        {
            return await PageEndpoints.RunPageAsync(results, runView, notice, status);
        }

        return await results.PageAsync<Components.Message>("Not done", new MessageView("Not done", "See the reason above."), notice, status);
    }

    /// <summary>The checks of every page action: same origin (403), the antiforgery token (400), a form post (400); null when they pass.</summary>
    internal static async Task<HtmlResult?> RefuseAsync(HttpContext context, IAntiforgery antiforgery, PageResults results, ILogger logger)
    {
        var actor = Actor.Of(context, "page");
        if (SameOrigin.Refusal(context.Request) is { } crossOrigin)
        {
            WebLog.ActionRefused(logger, actor, crossOrigin);
            return await results.NoticeAsync(new Notice("refused", $"{crossOrigin}.", null, null), StatusCodes.Status403Forbidden);
        }

        try
        {
            await antiforgery.ValidateRequestAsync(context);
            return context.Request.HasFormContentType
                ? null
                : await results.NoticeAsync(new Notice("refused", "actions are form posts.", null, null), StatusCodes.Status400BadRequest);
        }
        catch (AntiforgeryValidationException)
        {
            WebLog.ActionRefused(logger, actor, "missing or invalid antiforgery token");
            return await results.NoticeAsync(new Notice("refused", "the form's antiforgery token is missing or does not match; reload the page and try again.", null, null), StatusCodes.Status400BadRequest);
        }
    }
}
