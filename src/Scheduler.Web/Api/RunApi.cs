using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Scheduler.State.Store;
using Scheduler.Web.Actions;
using Scheduler.Web.Security;

namespace Scheduler.Web.Api;

/// <summary><c>/api/runs</c>: one run with its output, and cancel.</summary>
internal static class RunApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/runs/{id:long}", GetAsync).WithSummary("One run with every field and its output tail.");
        api.MapPost("/runs/{id:long}/cancel", CancelAsync)
            .WithSummary("Stop a running run of this instance; it is recorded as cancelled. Needs Authorization: Bearer TOKEN of a token with the operator role.")
            .RequireAuthorization(AuthPolicies.ApiWrite).RequireRateLimiting(AuthPolicies.WriteRateLimit);
    }

    private static async Task<Results<Ok<RunDetailJson>, NotFound<ReasonJson>>> GetAsync(long id, RunStore store, CancellationToken cancellationToken) =>
        await store.GetRunAsync(id, cancellationToken) is { } run
            ? TypedResults.Ok(ApiJson.RunDetail(run))
            : TypedResults.NotFound(new ReasonJson($"there is no run #{id}"));

    private static async Task<Results<Accepted<RunStartedJson>, NotFound<ReasonJson>, Conflict<ReasonJson>>> CancelAsync(
        long id, HttpContext context, TaskActions actions, CancellationToken cancellationToken)
    {
        var result = await actions.CancelAsync(id, Actor.Of(context, "api"), cancellationToken);
        return result.Outcome switch
        {
            ActionOutcome.Accepted => TypedResults.Accepted($"/api/runs/{id}", new RunStartedJson(id)),
            ActionOutcome.NotFound => TypedResults.NotFound(new ReasonJson(result.Reason ?? "not found")),
            _ => TypedResults.Conflict(new ReasonJson(result.Reason ?? "refused")),
        };
    }
}
