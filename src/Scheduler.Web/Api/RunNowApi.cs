using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Scheduler.Web.Actions;
using Scheduler.Web.Security;
using Scheduler.Web.Views;

namespace Scheduler.Web.Api;

/// <summary>
/// <c>POST /api/tasks/{id}/run</c> with an optional <c>{"params":{...}}</c>: a manual run under the task's overlap
/// policy, its parameters checked by the engine as <c>scheduler run --param</c> checks them (400 with the errors by name).
/// </summary>
internal static class RunNowApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
#pragma warning disable ASP0022 // routing prefers /tasks/{id}/run over the catch-all (see TaskApi)
        api.MapPost("/tasks/{id}/run", RunAsync).WithName("runTask")
            .WithSummary("Run a task now")
            .WithDescription("Starts a manual run under the task's overlap policy, with the parameters given (the others take their defaults). " +
                "Needs an API token with the operator role. The id's '/' may be sent as they are or as %2F.")
            .Accepts<RunNowRequest>(isOptional: true, "application/json")
            .RequireAuthorization(AuthPolicies.ApiWrite).RequireRateLimiting(AuthPolicies.WriteRateLimit);

        // The same with the id's slashes unencoded (POST /api/tasks/backups/nightly-db/run); documented above.
        api.MapPost("/tasks/{**path}", RunByPathAsync).ExcludeFromDescription()
            .RequireAuthorization(AuthPolicies.ApiWrite).RequireRateLimiting(AuthPolicies.WriteRateLimit);
#pragma warning restore ASP0022
    }

    private static Task<Results<Accepted<RunStartedJson>, BadRequest<ErrorsJson>, NotFound<ReasonJson>, Conflict<ReasonJson>>> RunAsync(
        string id, HttpContext context, TaskActions actions, CancellationToken cancellationToken) =>
        StartAsync(Uri.UnescapeDataString(id), context, actions, cancellationToken);

    private static async Task<Results<Accepted<RunStartedJson>, BadRequest<ErrorsJson>, NotFound<ReasonJson>, Conflict<ReasonJson>>> RunByPathAsync(
        string path, HttpContext context, TaskActions actions, CancellationToken cancellationToken)
    {
        var full = Uri.UnescapeDataString(path);
        return TaskApi.RunTarget(full) is { } taskId
            ? await StartAsync(taskId, context, actions, cancellationToken)
            : TypedResults.NotFound(new ReasonJson($"POST /api/tasks/{full} is not an action; use POST /api/tasks/TASK-ID/run"));
    }

    private static async Task<Results<Accepted<RunStartedJson>, BadRequest<ErrorsJson>, NotFound<ReasonJson>, Conflict<ReasonJson>>> StartAsync(
        string taskId, HttpContext context, TaskActions actions, CancellationToken cancellationToken)
    {
        var (values, errors) = await RunNowBody.ReadAsync(context.Request, cancellationToken);
        if (errors.Count > 0)
        {
            return TypedResults.BadRequest(new ErrorsJson(errors));
        }

        var result = await actions.RunNowAsync(taskId, values, Actor.Of(context, "api"), cancellationToken);
        return result.Outcome switch
        {
            ActionOutcome.Accepted => TypedResults.Accepted(RunsUrl.Of(result.RunId!.Value).Insert(0, "/api"), new RunStartedJson(result.RunId.Value) { Notice = result.Reason }),
            ActionOutcome.Invalid => TypedResults.BadRequest(new ErrorsJson(result.Errors)),
            ActionOutcome.NotFound => TypedResults.NotFound(new ReasonJson(result.Reason ?? "not found")),
            _ => TypedResults.Conflict(new ReasonJson(result.Reason ?? "refused")),
        };
    }
}
