using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Scheduler.State.Store;
using Scheduler.Web.Views;

namespace Scheduler.Web.Api;

/// <summary>
/// <c>/api/tasks</c>. Task ids contain '/', and a route parameter holds one segment, so each operation is mapped twice:
/// at its own path with the id in one segment (<c>/api/tasks/{id}/runs</c>, the id's slashes sent as <c>%2F</c>; the
/// path the OpenAPI document names), and under one catch-all per method that takes the id with its slashes as they are
/// (<c>/api/tasks/backups/nightly-db/runs</c>), left out of the document. Both reach the same handlers. A path that ends
/// in <c>/runs</c> names the runs of the task before it when that task exists, else a task whose own id ends in <c>/runs</c>.
/// </summary>
internal static class TaskApi
{
    private const string RunsSuffix = "/runs";
    private const string RunSuffix = "/run";

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/tasks", ListAsync).WithName("listTasks")
            .WithSummary("List tasks")
            .WithDescription("Every task, retired and system ones included; ?q=TEXT&state=STATE&folder=PREFIX filter as on the overview.");
        // ASP0022 takes /tasks/{id} and /tasks/{**path} for rivals; routing prefers the one-segment parameter (and a
        // literal segment after it) over a catch-all, which is the order wanted here.
#pragma warning disable ASP0022
        api.MapGet("/tasks/{id}", GetTaskAsync).WithName("getTask")
            .WithSummary("Get one task")
            .WithDescription("One task with its definition as applied and its next slots. The id's '/' may be sent as they are or as %2F.");
        api.MapGet("/tasks/{id}/runs", ListRunsAsync).WithName("listTaskRuns")
            .WithSummary("List a task's runs")
            .WithDescription("The task's runs, newest first; ?limit=1..500 (default 50) and ?before=RUN_ID page back. The id's '/' may be sent as they are or as %2F.");
        RunNowApi.Map(api);

        // The same operations with the id's slashes unencoded; documented above at their own paths.
        api.MapGet("/tasks/{**path}", GetByPathAsync).ExcludeFromDescription();
#pragma warning restore ASP0022
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

    private static async Task<Results<Ok<TaskDetailJson>, NotFound<ReasonJson>>> GetTaskAsync(
        string id, RunStore store, TaskRows rows, Engine.Registry.DefinitionRegistry definitions, PauseBoard pauses, TimeProvider time, CancellationToken cancellationToken) =>
        await TaskDetailAsync(Uri.UnescapeDataString(id), store, rows, definitions, pauses, time, cancellationToken) is { } detail
            ? TypedResults.Ok(detail)
            : TypedResults.NotFound(NoTask(Uri.UnescapeDataString(id)));

    private static async Task<Results<Ok<RunJson[]>, NotFound<ReasonJson>>> ListRunsAsync(
        string id, int? limit, long? before, RunStore store, CancellationToken cancellationToken) =>
        await RunsAsync(Uri.UnescapeDataString(id), limit, before, store, cancellationToken) is { } runs
            ? TypedResults.Ok(runs)
            : TypedResults.NotFound(NoTask(Uri.UnescapeDataString(id)));

    private static async Task<Results<Ok<TaskDetailJson>, Ok<RunJson[]>, NotFound<ReasonJson>>> GetByPathAsync(
        string path, int? limit, long? before, RunStore store, TaskRows rows, Engine.Registry.DefinitionRegistry definitions, PauseBoard pauses, TimeProvider time, CancellationToken cancellationToken)
    {
        var id = Uri.UnescapeDataString(path);
        if (id.EndsWith(RunsSuffix, StringComparison.Ordinal) && await RunsAsync(id[..^RunsSuffix.Length], limit, before, store, cancellationToken) is { } runs)
        {
            return TypedResults.Ok(runs);
        }

        return await TaskDetailAsync(id, store, rows, definitions, pauses, time, cancellationToken) is { } detail
            ? TypedResults.Ok(detail)
            : TypedResults.NotFound(NoTask(id.EndsWith(RunsSuffix, StringComparison.Ordinal) ? id[..^RunsSuffix.Length] : id));
    }

    /// <summary>The task named by the rest of a <c>POST /api/tasks/…/run</c> path, or null when the path does not end in <c>/run</c>.</summary>
    public static string? RunTarget(string path) =>
        path.EndsWith(RunSuffix, StringComparison.Ordinal) ? path[..^RunSuffix.Length] : null;

    private static async Task<TaskDetailJson?> TaskDetailAsync(
        string id, RunStore store, TaskRows rows, Engine.Registry.DefinitionRegistry definitions, PauseBoard pauses, TimeProvider time, CancellationToken cancellationToken)
    {
        await pauses.GetAsync(cancellationToken); // the rows show the pause of the board's last read
        var now = time.GetUtcNow();
        if (await store.GetTaskAsync(id, cancellationToken) is not { } task)
        {
            return null;
        }

        var definition = definitions.Get(task, now);
        var upcoming = definition is { Enabled: true } ? definition.Slots.Upcoming(now, 10) : [];
        return ApiJson.TaskDetail(task, rows.Build(task, now), upcoming);
    }

    private static async Task<RunJson[]?> RunsAsync(string id, int? limit, long? before, RunStore store, CancellationToken cancellationToken)
    {
        if (await store.GetTaskAsync(id, cancellationToken) is null)
        {
            return null;
        }

        var runs = await store.ListRunsAsync(id, Math.Clamp(limit ?? 50, 1, 500), before, cancellationToken);
        return [.. runs.Select(ApiJson.Run)];
    }

    private static ReasonJson NoTask(string id) => new($"there is no task '{id}'");
}
