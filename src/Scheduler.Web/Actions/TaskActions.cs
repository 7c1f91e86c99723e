using Microsoft.Extensions.Logging;
using Scheduler.Engine;
using Scheduler.Engine.Running;
using Scheduler.State.Entities;
using Scheduler.State.Store;

namespace Scheduler.Web.Actions;

/// <summary>
/// Run-now and cancel as the page and the API ask for them: the engine decides (overlap policy, which
/// instance owns a run), and every request is audited with when, from where and what came of it.
/// </summary>
internal sealed class TaskActions(SchedulerEngine engine, RunStore store, TimeProvider time, ILogger<TaskActions> logger)
{
    /// <summary>
    /// Runs a task now with <paramref name="parameters"/> (text by name; none for the defaults), checked by the engine
    /// against the definition it runs: a bad value is <see cref="ActionOutcome.Invalid"/> with the errors by name.
    /// </summary>
    public async Task<ActionResult> RunNowAsync(string taskId, IReadOnlyDictionary<string, string>? parameters, string actor, CancellationToken cancellationToken)
    {
        var task = await store.GetTaskAsync(taskId, cancellationToken);
        var result = task switch
        {
            null => new ActionResult(ActionOutcome.NotFound, null, $"there is no task '{taskId}'"),
            { IsSystem: true } => new ActionResult(ActionOutcome.Refused, null, "system tasks are read-only: they run on the schedule set in appsettings.json"),
            { State: TaskState.Retired } => new ActionResult(ActionOutcome.Refused, null, $"the task is retired: {task.SourcePath} no longer exists"),
            _ => From(await engine.RunNowAsync(taskId, parameters, cancellationToken)),
        };
        await AuditAsync(AuditActions.RunNow, task is null ? null : taskId, result, actor, cancellationToken);
        return result;
    }

    public async Task<ActionResult> CancelAsync(long runId, string actor, CancellationToken cancellationToken)
    {
        var run = await store.GetRunAsync(runId, cancellationToken);
        var result = run is null
            ? new ActionResult(ActionOutcome.NotFound, runId, $"there is no run #{runId}")
            : From(runId, await engine.CancelAsync(runId, cancellationToken));
        await AuditAsync(AuditActions.Cancel, run?.TaskId, result with { RunId = run is null ? null : runId }, actor, cancellationToken);
        return result;
    }

    private static ActionResult From(RunNowResult result) => result.Outcome switch
    {
        RunNowOutcome.Started => new ActionResult(ActionOutcome.Accepted, result.RunId, result.Notice), // the reason of a start is a notice (a paused task)
        RunNowOutcome.Invalid => new ActionResult(ActionOutcome.Invalid, null, InvalidReason(result.Errors)) { Errors = result.Errors ?? new Dictionary<string, string>() },
        // The store knows the task but the engine does not (yet): a refusal, not a missing task.
        RunNowOutcome.NotFound => new ActionResult(ActionOutcome.Refused, null, result.Reason ?? "the engine does not run this task now"),
        _ => new ActionResult(ActionOutcome.Refused, null, result.Reason),
    };

    /// <summary>The audit's and the page's one-line form of the errors: <c>region: 'mars' is not one of …; count: …</c>.</summary>
    private static string InvalidReason(IReadOnlyDictionary<string, string>? errors) =>
        errors is { Count: > 0 } ? string.Join("; ", errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}: {e.Value}")) : "the parameters are not valid";

    private static ActionResult From(long runId, CancelResult result) => result.Outcome switch
    {
        CancelOutcome.Stopping => new ActionResult(ActionOutcome.Accepted, runId, null),
        CancelOutcome.NotFound => new ActionResult(ActionOutcome.NotFound, runId, result.Reason),
        _ => new ActionResult(ActionOutcome.Refused, runId, result.Reason),
    };

    private async Task AuditAsync(string action, string? taskId, ActionResult result, string actor, CancellationToken cancellationToken)
    {
        var outcome = result.Outcome switch
        {
            ActionOutcome.Accepted => action == AuditActions.RunNow ? "started" : "stopping",
            ActionOutcome.NotFound => "not-found",
            ActionOutcome.Invalid => "invalid",
            _ => "refused",
        };
        WebLog.ActionTaken(logger, action, taskId ?? "-", result.RunId, outcome, actor, result.Reason);
        await store.AddAuditAsync(
            new AuditRecord { At = time.GetUtcNow(), Action = action, TaskId = taskId, RunId = result.RunId, Actor = actor, Result = outcome, Detail = result.Reason },
            cancellationToken);
    }
}
