using Microsoft.Extensions.Logging;
using Scheduler.Definitions.Runs;
using Scheduler.Engine.Notifications;
using Scheduler.State.Entities;
using Scheduler.State.Store;

namespace Scheduler.Engine.Running;

/// <summary>
/// The suspend rule, after a run's end is written: when a task's failure streak reaches its <c>suspend-after-failures</c>
/// (or the server's default), a run whose retries are all spent counting once, the task is paused by <c>scheduler</c>
/// until someone resumes it, audited, and a <c>suspended</c> event goes out. Reads the store only after a final failure.
/// </summary>
internal sealed class Suspender(RunStore store, EngineOptions options, RunEvents events, ILogger logger)
{
    public const string By = "scheduler";

    public PauseBoard? Pauses { get; init; }

    /// <summary>The suspend limit of a task: its own key, else the server's default; null when it is never suspended.</summary>
    public int? LimitOf(ScheduledTask task) =>
        task.Definition.Handler is SystemTasks.SystemHandler ? null : task.Definition.SuspendAfterFailures ?? options.SuspendAfterFailures;

    /// <summary>True when the end is one the rule counts: a failure with no retry owed after it, of a task that has a limit.</summary>
    public bool Counts(ActiveRun run, RunStatus status) =>
        status is RunStatus.Failed or RunStatus.TimedOut && run.IsLastAttempt && LimitOf(run.Task) is not null;

    public async Task AfterFailureAsync(ActiveRun run, string? failingSince, DateTimeOffset at)
    {
        if (LimitOf(run.Task) is not { } limit)
        {
            return;
        }

        try
        {
            var failed = await store.CountFailedRunsInStreakAsync(run.Task.Id, run.RunId, CancellationToken.None);
            if (failed < limit || (await store.ListPausesAsync(CancellationToken.None)).Any(p => p.Target == run.Task.Id))
            {
                return; // short of the limit, or already paused on its own (suspended before, or by a person)
            }

            var reason = $"suspended after {limit} consecutive failures (last: run #{run.RunId})";
            var record = await store.GetTaskAsync(run.Task.Id, CancellationToken.None);
            await store.PauseAsync(
                new PauseRecord { Target = run.Task.Id, By = By, Reason = reason, SinceUtc = at, DefinitionHash = record?.DefinitionHash, RunId = run.RunId },
                AuditActions.Suspend,
                [run.Task.Id],
                CancellationToken.None);
            Pauses?.Invalidate();
            EngineLog.TaskSuspended(logger, run.Task.Id, limit, run.RunId);
            events.Suspended(run, reason, failed, failingSince, at);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The run's end is written; a store that fails here leaves the task running, and the next failure tries again.
            EngineLog.StoreFailed(logger, e);
        }
    }
}
