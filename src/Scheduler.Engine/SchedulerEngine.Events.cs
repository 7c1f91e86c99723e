using Scheduler.Definitions.Runs;
using Scheduler.Engine.Notifications;
using Scheduler.Engine.Running;

namespace Scheduler.Engine;

/// <summary>Telling the event sink (notifications) what was recorded. Publishing only queues; it never waits on delivery.</summary>
public sealed partial class SchedulerEngine
{
    /// <summary>The task's failure streak before this run ends, so a success can tell a recovery; read only when someone listens.</summary>
    private async Task<int> StreakBeforeFinishAsync(ScheduledTask task)
    {
        if (_events is null || !_events.ListensTo(task, RunEventKind.Finished))
        {
            return 0;
        }

        var streak = 0;
        await GuardAsync(async () => streak = await _store.GetFailureStreakAsync(task.Id, CancellationToken.None));
        return streak;
    }

    private void PublishFinished(
        ActiveRun run, RunStatus status, int? exitCode, string? error, string output, DateTimeOffset? startedAt, DateTimeOffset finishedAt, int previousStreak)
    {
        // The same rule as the store's streak (RunStore.FinishAsync): failures and timeouts add one, a success resets it.
        var streak = status switch
        {
            RunStatus.Failed or RunStatus.TimedOut => previousStreak + 1,
            RunStatus.Succeeded => 0,
            _ => previousStreak,
        };
        Publish(new RunEvent(run.Task, RunEventKind.Finished, run.RunId, run.Slot, run.Attempt, run.Trigger, status, finishedAt)
        {
            ExitCode = exitCode,
            Error = error,
            OutputTail = output,
            StartedAt = startedAt,
            FinishedAt = finishedAt,
            PreviousStreak = previousStreak,
            FailureStreak = streak,
        });
    }

    private void PublishSkipped(ScheduledTask task, long? runId, DateTimeOffset? slot, RunTrigger trigger, string reason, DateTimeOffset now) =>
        Publish(new RunEvent(task, RunEventKind.Skipped, runId, slot, 1, trigger, RunStatus.Skipped, now) { Error = reason });

    private void PublishPassed(ScheduledTask task, Planning.SlotPlan plan, DateTimeOffset now)
    {
        var reason = plan.PassedReason ?? "missed";
        Publish(new RunEvent(task, RunEventKind.Skipped, null, null, 1, RunTrigger.Schedule, RunStatus.Skipped, now)
        {
            Error = $"{plan.Passed} slot(s) passed over: {reason}",
            PassedSlots = plan.Passed,
            PassedReason = reason,
            PassedCause = plan.FirstPassedCause,
        });
    }

    private void Publish(RunEvent runEvent)
    {
        try
        {
            if (_events?.ListensTo(runEvent.Task, runEvent.Kind) == true)
            {
                _events.Publish(runEvent);
            }
        }
        catch (Exception e)
        {
            // A sink is not allowed to throw; if one does, the run is recorded all the same.
            EngineLog.SinkFailed(_logger, e, runEvent.Task.Id);
        }
    }
}
