using Microsoft.Extensions.Logging;
using Scheduler.Definitions.Runs;
using Scheduler.Engine.Running;
using Scheduler.State.Store;

namespace Scheduler.Engine.Notifications;

/// <summary>Tells the event sink (notifications, metrics) what the recorder wrote. Publishing only queues; it never waits on delivery.</summary>
internal sealed class RunEvents(IRunEventSink? sink, ILogger logger)
{
    public bool ListensTo(ScheduledTask task, RunEventKind kind) => sink?.ListensTo(task, kind) == true;

    public void Finished(
        ActiveRun run, RunStatus status, int? exitCode, string? error, string output, DateTimeOffset? startedAt, DateTimeOffset finishedAt, int previousStreak,
        string? failingSince = null)
    {
        if (!ListensTo(run.Task, RunEventKind.Finished))
        {
            return; // the event is built only for a listener: thousands of ends a second would allocate it for nothing
        }

        Publish(new RunEvent(run.Task, RunEventKind.Finished, run.RunId, run.Slot, run.Attempt, run.Trigger, status, finishedAt)
        {
            ExitCode = exitCode,
            Error = error,
            OutputTail = output,
            StartedAt = startedAt,
            FinishedAt = finishedAt,
            PreviousStreak = previousStreak,
            FailureStreak = FailureStreak.After(previousStreak, status),
            FailingSince = failingSince,
            Trace = run.Trace,
        });
    }

    /// <summary>The task was suspended after the run <paramref name="run"/> completed its failure streak.</summary>
    public void Suspended(ActiveRun run, string reason, int streak, string? failingSince, DateTimeOffset at) =>
        Publish(new RunEvent(run.Task, RunEventKind.Suspended, run.RunId, run.Slot, run.Attempt, run.Trigger, RunStatus.Failed, at)
        {
            Error = reason,
            PreviousStreak = streak,
            FailureStreak = streak,
            FailingSince = failingSince,
            Trace = run.Trace,
        });

    public void Skipped(ScheduledTask task, long? runId, DateTimeOffset? slot, RunTrigger trigger, string reason, DateTimeOffset now) =>
        Publish(new RunEvent(task, RunEventKind.Skipped, runId, slot, 1, trigger, RunStatus.Skipped, now) { Error = reason });

    /// <summary>A row written for slots passed over: the metric counts <see cref="RunEvent.PassedSlots"/> by its cause.</summary>
    public void Passed(ScheduledTask task, long runId, Planning.PassedRange range, DateTimeOffset now) =>
        Publish(new RunEvent(task, RunEventKind.Skipped, runId, range.From, 1, RunTrigger.CatchUp, RunStatus.Skipped, now)
        {
            Error = $"{range.Count} slot(s) passed over: {range.Reason}",
            PassedSlots = range.Count,
            PassedReason = range.Reason,
            PassedCause = range.Cause,
        });

    private void Publish(RunEvent runEvent)
    {
        try
        {
            if (ListensTo(runEvent.Task, runEvent.Kind))
            {
                sink!.Publish(runEvent);
            }
        }
        catch (Exception e)
        {
            // A sink is not allowed to throw; if one does, the run is recorded all the same.
            EngineLog.SinkFailed(logger, e, runEvent.Task.Id);
        }
    }
}
