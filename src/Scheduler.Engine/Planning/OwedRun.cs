using Scheduler.Definitions.Runs;

namespace Scheduler.Engine.Planning;

/// <summary>One run a task owes: a slot of its schedule (on time or caught up), a retry's attempt, a system run, a manual one or a chained one.</summary>
public readonly record struct OwedRun(DateTimeOffset Slot, RunTrigger Trigger, int Attempt = 1)
{
    /// <summary>True for the schedule's own slots, the ones the catch-up watermark counts (not retries, manual or system runs).</summary>
    public bool IsScheduleSlot => Trigger is RunTrigger.Schedule or RunTrigger.CatchUp;

    /// <summary>For a chained run (trigger <c>after</c>): the row its upstream's end queued, which the claim moves on.</summary>
    public long? QueuedRunId { get; init; }
}
