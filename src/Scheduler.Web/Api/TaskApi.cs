using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Scheduler.State.Store;
using Scheduler.Web.Actions;
using Scheduler.Web.Security;
using Scheduler.Web.Views;

namespace Scheduler.Web.Api;

/// <summary>
/// <c>/api/tasks</c>. Task ids contain '/', so one catch-all route per method takes the rest of the path:
/// <c>backups/nightly-db</c>, <c>backups/nightly-db/runs</c>, <c>backups/nightly-db/run</c> (or with the id's
/// slashes encoded as <c>%2F</c>). A task whose id itself ends in <c>/runs</c> wins over the runs of its parent.
/// </summary>
internal static class TaskApi
{
    private const string RunsSuffix = "/runs";
    private const string RunSuffix = "/run";

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/tasks", ListAsync).WithSummary("Every task, retired and system ones included; ?q=TEXT&state=STATE&folder=PREFIX as on the overview.");
        api.MapGet("/tasks/{**id}", GetAsync)
            .WithSummary("One task (GET /api/tasks/{id}) or its runs, newest first (GET /api/tasks/{id}/runs?limit=50&before=RUN_ID).");
        api.MapPost("/tasks/{**id}", RunNowAsync)
            .WithSummary("POST /api/tasks/{id}/run: start a run now, under the task's overlap policy. Needs Authorization: Bearer TOKEN of a token with the operator role.")
            .RequireAuthorization(AuthPolicies.ApiWrite).RequireRateLimiting(AuthPolicies.WriteRateLimit);
    }

    private static async Task<Results<Ok<TaskJson[]>, BadRequest<ReasonJson>>> ListAsync(
        HttpContext context, RunStore store, TaskRows rows, PauseBoard pauses, TimeProvider time, CancellationToken cancellationToken)
    {
        var (filter, problem) = TaskFilter.From(context.Request.Query);
        if (problem is not null)
        {
            return TypedResults.BadRequest(new ReasonJson(problem));
        }

        var now = time.GetUtcNow();
        var tasks = await store.ListTasksAsync(cancellationToken);
        await pauses.GetAsync(cancellationToken);
        return TypedResults.Ok(tasks.Select(t => (Task: t, Row: rows.Build(t, now))).Where(t => filter.Matches(t.Row)).Select(t => ApiJson.Task(t.Task, t.Row)).ToArray());
    }

    private static async Task<Results<Ok<TaskDetailJson>, Ok<RunJson[]>, NotFound<ReasonJson>>> GetAsync(
        string id, int? limit, long? before, RunStore store, TaskRows rows, DefinitionCache definitions, PauseBoard pauses, TimeProvider time, CancellationToken cancellationToken)
    {
        await pauses.GetAsync(cancellationToken);
        var path = Uri.UnescapeDataString(id);
        var now = time.GetUtcNow();
        if (await store.GetTaskAsync(path, cancellationToken) is { } task)
        {
            var definition = definitions.Get(task, now);
            var upcoming = definition is { Enabled: true } ? definition.Slots.Upcoming(now, 10) : [];
            return TypedResults.Ok(ApiJson.TaskDetail(task, rows.Build(task, now), upcoming));
        }

        if (path.EndsWith(RunsSuffix, StringComparison.Ordinal) && await store.GetTaskAsync(path[..^RunsSuffix.Length], cancellationToken) is { } owner)
        {
            var runs = await store.ListRunsAsync(owner.Id, Math.Clamp(limit ?? 50, 1, 500), before, cancellationToken);
            return TypedResults.Ok(runs.Select(ApiJson.Run).ToArray());
        }

        return TypedResults.NotFound(new ReasonJson($"there is no task '{path}'"));
    }

    private static async Task<Results<Accepted<RunStartedJson>, NotFound<ReasonJson>, Conflict<ReasonJson>>> RunNowAsync(
        string id, HttpContext context, TaskActions actions, CancellationToken cancellationToken)
    {
        var path = Uri.UnescapeDataString(id);
        if (!path.EndsWith(RunSuffix, StringComparison.Ordinal))
        {
            return TypedResults.NotFound(new ReasonJson($"POST /api/tasks/{path} is not an action; use POST /api/tasks/TASK-ID/run"));
        }

        var result = await actions.RunNowAsync(path[..^RunSuffix.Length], Actor.Of(context, "api"), cancellationToken);
        return result.Outcome switch
        {
            ActionOutcome.Accepted => TypedResults.Accepted(RunsUrl.Of(result.RunId!.Value).Insert(0, "/api"), new RunStartedJson(result.RunId.Value) { Notice = result.Reason }),
            ActionOutcome.NotFound => TypedResults.NotFound(new ReasonJson(result.Reason ?? "not found")),
            _ => TypedResults.Conflict(new ReasonJson(result.Reason ?? "refused")),
        };
    }
}
