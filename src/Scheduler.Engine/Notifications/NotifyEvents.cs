using Scheduler.Definitions.Model;
using Scheduler.Definitions.Runs;

namespace Scheduler.Engine.Notifications;

/// <summary>Which of a task's <c>notify.on</c> events a recorded fact is: a pure function, tested with plain values.</summary>
public static class NotifyEvents
{
    public static IReadOnlyList<NotifyEvent> For(RunEvent runEvent, NotifyDefinition notify)
    {
        ArgumentNullException.ThrowIfNull(runEvent);
        ArgumentNullException.ThrowIfNull(notify);
        var events = new List<NotifyEvent>(2);
        if (runEvent.Kind == RunEventKind.Suspended)
        {
            events.Add(NotifyEvent.Suspended);
        }
        else if (runEvent.Kind == RunEventKind.Skipped)
        {
            events.Add(NotifyEvent.Missed);
        }
        else if (runEvent.Status == RunStatus.Failed)
        {
            events.Add(NotifyEvent.Failure);
        }
        else if (runEvent.Status == RunStatus.TimedOut)
        {
            events.Add(NotifyEvent.Timeout);
        }
        else if (runEvent.Status == RunStatus.Succeeded && runEvent.PreviousStreak >= 1)
        {
            events.Add(NotifyEvent.Recovery);
        }

        // Exactly at the threshold: a streak of 3 tells once, not again at 4, 5, 6.
        if (runEvent.Kind == RunEventKind.Finished && runEvent.Status is RunStatus.Failed or RunStatus.TimedOut
            && runEvent.FailureStreak == notify.Streak && runEvent.PreviousStreak < notify.Streak)
        {
            events.Add(NotifyEvent.Streak);
        }

        return [.. events.Where(notify.Wants)];
    }
}
