using Scheduler.Definitions.Model;
using Scheduler.Definitions.Runs;
using Scheduler.Engine.Planning;
using static Scheduler.Engine.Tests.TestTasks;

namespace Scheduler.Engine.Tests.Replicas;

/// <summary>
/// A replica that tries a slot a grace late (another replica owns the task) finds the owner's run of that very slot:
/// under every policy it skips (its row then loses the claim), and never stops the owner's run or queues behind it.
/// </summary>
public sealed class SlotTakenTests
{
    private static readonly DateTimeOffset Slot = At("2026-11-23T12:00:00Z");

    [Theory]
    [InlineData("forbid", "schedule")]
    [InlineData("forbid", "catch-up")]
    [InlineData("replace", "schedule")]
    [InlineData("replace", "catch-up")]
    public void The_owners_run_of_the_same_slot_is_not_replaced_nor_waited_for(string overlap, string trigger)
    {
        var owed = new OwedRun(Slot, RunNames.ParseTrigger(trigger));
        RunInWay[] elsewhere = [new(7, Slot, 1, owed.Trigger, "r2")];

        var verdict = DispatchDecision.Decide(new DispatchInput(Enum.Parse<OverlapPolicy>(overlap, ignoreCase: true), owed, [], elsewhere, []));

        Assert.Equal(DispatchAction.Skip, verdict.Action);
        Assert.Equal("run #7 (instance 'r2') already runs this slot", verdict.Reason);
    }

    [Fact]
    public void A_run_of_an_earlier_slot_elsewhere_is_still_replaced()
    {
        var owed = new OwedRun(Slot, RunTrigger.Schedule);
        RunInWay[] elsewhere = [new(7, Slot.AddMinutes(-1), 1, RunTrigger.Schedule, "r2")];

        var verdict = DispatchDecision.Decide(new DispatchInput(OverlapPolicy.Replace, owed, [], elsewhere, []));

        Assert.Equal(DispatchAction.Replace, verdict.Action);
    }

    [Fact]
    public void A_retry_of_the_slot_is_not_the_first_attempt_running_elsewhere()
    {
        var owed = new OwedRun(Slot, RunTrigger.Retry, Attempt: 2);
        RunInWay[] elsewhere = [new(7, Slot, 1, RunTrigger.Schedule, "r2")];

        var verdict = DispatchDecision.Decide(new DispatchInput(OverlapPolicy.Replace, owed, [], elsewhere, []));

        Assert.Equal(DispatchAction.Replace, verdict.Action);
    }
}
