using Scheduler.Definitions.Model;
using Scheduler.Definitions.Runs;
using Scheduler.Engine.Notifications;

namespace Scheduler.Engine.Tests.Notifications;

/// <summary>Which recorded facts are which events, under a task's <c>notify.on</c> and <c>streak</c>.</summary>
public sealed class NotifyEventsTests
{
    private static readonly NotifyDefinition Everything = new(
        [NotifyEvent.Failure, NotifyEvent.Timeout, NotifyEvent.Recovery, NotifyEvent.Missed, NotifyEvent.Streak], 3, new WebhookTarget("HOOK", WebhookFormat.Slack));

    public static TheoryData<RunStatus, int, int, NotifyEvent[]> Finished => new()
    {
        { RunStatus.Failed, 0, 1, [NotifyEvent.Failure] },
        { RunStatus.TimedOut, 0, 1, [NotifyEvent.Timeout] },
        { RunStatus.Failed, 2, 3, [NotifyEvent.Failure, NotifyEvent.Streak] },
        { RunStatus.TimedOut, 2, 3, [NotifyEvent.Timeout, NotifyEvent.Streak] },
        { RunStatus.Failed, 3, 4, [NotifyEvent.Failure] },
        { RunStatus.Succeeded, 4, 0, [NotifyEvent.Recovery] },
        { RunStatus.Succeeded, 0, 0, [] },
        { RunStatus.Cancelled, 1, 1, [] },
        { RunStatus.Interrupted, 0, 0, [] },
    };

    [Theory]
    [MemberData(nameof(Finished))]
    public void A_finished_run_is_the_events_its_status_and_streak_make(RunStatus status, int before, int after, NotifyEvent[] expected)
    {
        var fact = Fact(RunEventKind.Finished, status) with { PreviousStreak = before, FailureStreak = after };

        Assert.Equal(expected, NotifyEvents.For(fact, Everything));
    }

    [Fact]
    public void A_skipped_slot_is_missed()
    {
        Assert.Equal([NotifyEvent.Missed], NotifyEvents.For(Fact(RunEventKind.Skipped, RunStatus.Skipped), Everything));
    }

    [Fact]
    public void Events_not_listed_in_on_are_not_told()
    {
        var onlyRecovery = Everything with { On = [NotifyEvent.Recovery] };

        Assert.Empty(NotifyEvents.For(Fact(RunEventKind.Finished, RunStatus.Failed) with { FailureStreak = 3, PreviousStreak = 2 }, onlyRecovery));
        Assert.Empty(NotifyEvents.For(Fact(RunEventKind.Skipped, RunStatus.Skipped), onlyRecovery));
    }

    private static RunEvent Fact(RunEventKind kind, RunStatus status) =>
        new(new Running.ScheduledTask(TestTasks.Parse("schedule: \"0 * * * *\"\nshell: x\n", "t"), "rev"), kind, 1, NotifierHarness.Slot, 1, RunTrigger.Schedule, status, NotifierHarness.Slot);
}
