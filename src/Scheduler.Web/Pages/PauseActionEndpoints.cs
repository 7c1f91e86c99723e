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
/// The page's pause and resume, as form posts: <c>POST /actions/pause</c> (fields <c>target</c>, <c>reason</c>,
/// <c>until</c>) and <c>POST /actions/resume</c> (field <c>target</c>), for operators, same origin, with the
/// antiforgery token (the checks of <see cref="ActionEndpoints"/>). Without script, success redirects back to the
/// task or the overview (303); with htmx, the answer is the notice alone.
/// </summary>
internal static class PauseActionEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var actions = app.MapGroup("/actions").ExcludeFromDescription()
            .RequireAuthorization(AuthPolicies.Operator).RequireRateLimiting(AuthPolicies.WriteRateLimit);
        actions.MapPost("/pause", PauseAsync);
        actions.MapPost("/resume", ResumeAsync);
    }

    private static async Task<Results<HtmlResult, RedirectHttpResult>> PauseAsync(
        HttpContext context, IAntiforgery antiforgery, PauseActions actions, PageResults results, ILogger<PauseActions> logger, CancellationToken cancellationToken)
    {
        if (await ActionEndpoints.RefuseAsync(context, antiforgery, results, logger) is { } refused)
        {
            return refused;
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var target = form["target"].ToString().Trim();
        var outcome = await actions.PauseAsync(target, form["reason"], form["until"], Actor.Name(context), Actor.Of(context, "page"), cancellationToken);
        var done = $"paused {target}: {outcome.TaskIds.Count} task(s); their due slots are recorded skipped until resumed.";
        return await AnswerAsync(context, results, outcome, target, $"{target} was not paused", done);
    }

    private static async Task<Results<HtmlResult, RedirectHttpResult>> ResumeAsync(
        HttpContext context, IAntiforgery antiforgery, PauseActions actions, PageResults results, ILogger<PauseActions> logger, CancellationToken cancellationToken)
    {
        if (await ActionEndpoints.RefuseAsync(context, antiforgery, results, logger) is { } refused)
        {
            return refused;
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var target = form["target"].ToString().Trim();
        var outcome = await actions.ResumeAsync(target, Actor.Of(context, "page"), cancellationToken);
        var done = $"resumed {target}: {outcome.TaskIds.Count} task(s) run on their schedule again; nothing is caught up for the paused slots.";
        return await AnswerAsync(context, results, outcome, target, $"{target} was not resumed", done);
    }

    private static async Task<Results<HtmlResult, RedirectHttpResult>> AnswerAsync(
        HttpContext context, PageResults results, PauseOutcome outcome, string target, string failed, string done)
    {
        var notice = outcome.Problem is { } problem ? new Notice("refused", $"{failed}: {problem}.", null, null) : new Notice("ok", done, null, null);
        var status = outcome.Problem is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
        if (context.Request.IsHtmx() || outcome.Problem is not null)
        {
            return await results.NoticeAsync(notice, status);
        }

        // Post/redirect/get: back to the task, or to the overview for a folder or everything.
        var back = target.EndsWith('/') || target == "*" ? "/" : TasksUrl.Of(target);
        return TypedResults.Redirect(back, permanent: false, preserveMethod: false);
    }
}
