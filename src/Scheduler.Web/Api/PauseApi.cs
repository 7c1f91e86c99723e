using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Scheduler.Web.Actions;
using Scheduler.Web.Security;

namespace Scheduler.Web.Api;

/// <summary><c>POST /api/pause</c> and <c>POST /api/resume</c> (pinned): runtime controls for an operator's token, audited and rate limited like the other writes.</summary>
internal static class PauseApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/pause", PauseAsync)
            .WithSummary("Pause a task, a folder (backups/, also its later tasks) or * until resumed or until an instant or duration: its due slots are recorded skipped. Needs Authorization: Bearer TOKEN of a token with the operator role.")
            .RequireAuthorization(AuthPolicies.ApiWrite).RequireRateLimiting(AuthPolicies.WriteRateLimit);
        api.MapPost("/resume", ResumeAsync)
            .WithSummary("Lift the pause on a target (and the narrower pauses under a folder or *). Needs Authorization: Bearer TOKEN of a token with the operator role.")
            .RequireAuthorization(AuthPolicies.ApiWrite).RequireRateLimiting(AuthPolicies.WriteRateLimit);
    }

    private static async Task<Results<Ok<PausedJson>, BadRequest<ReasonJson>>> PauseAsync(
        PauseRequestJson? body, HttpContext context, PauseActions actions, CancellationToken cancellationToken)
    {
        var outcome = await actions.PauseAsync(body?.Target, body?.Reason, body?.Until, Actor.Name(context), Actor.Of(context, "api"), cancellationToken);
        return outcome.Problem is { } problem ? TypedResults.BadRequest(new ReasonJson(problem)) : TypedResults.Ok(new PausedJson(outcome.TaskIds));
    }

    private static async Task<Results<Ok<ResumedJson>, BadRequest<ReasonJson>>> ResumeAsync(
        ResumeRequestJson? body, HttpContext context, PauseActions actions, CancellationToken cancellationToken)
    {
        var outcome = await actions.ResumeAsync(body?.Target, Actor.Of(context, "api"), cancellationToken);
        return outcome.Problem is { } problem ? TypedResults.BadRequest(new ReasonJson(problem)) : TypedResults.Ok(new ResumedJson(outcome.TaskIds));
    }
}
