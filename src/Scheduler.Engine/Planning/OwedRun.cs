using Scheduler.Definitions.Runs;

namespace Scheduler.Engine.Planning;

/// <summary>One run a task owes: a slot of its schedule (on time or caught up), a retry's attempt, a system run, a manual one or a chained one.</summary>
public readonly record struct OwedRun(DateTimeOffset Slot, RunTrigger Trigger, int Attempt = 1)
{
    /// <summary>True for the schedule's own slots, the ones the catch-up watermark counts (not retries, manual or system runs).</summary>
    public bool IsScheduleSlot => Trigger is RunTrigger.Schedule or RunTrigger.CatchUp;

    /// <summary>For a chained run (trigger <c>after</c>): the row its upstream's end queued, which the claim moves on.</summary>
    public long? QueuedRunId { get; init; }

    /// <summary>
    /// The values a person gave (run now, checked, defaults filled in) or a retry carries over from its first attempt;
    /// null for the schedule's own runs, which get the task's defaults when claimed.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Parameters { get; init; }
}
