namespace Scheduler.Engine.Planning;

/// <summary>
/// The run in the way on another replica is this very slot's (same slot and attempt): the slot is taken, not in the way.
/// A replica that plans a task a grace late because another replica owns it meets the owner's run so; it neither
/// replaces that run nor queues behind it: it skips, and its skipped row loses the unique claim like any second claim.
/// </summary>
public static class SlotTakenRule
{
    public static DispatchVerdict? Decide(DispatchInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        foreach (var run in input.ActiveElsewhere)
        {
            if (run.Slot == input.Run.Slot && run.Attempt == input.Run.Attempt)
            {
                return new DispatchVerdict(DispatchAction.Skip, $"{run.Describe()} already runs this slot");
            }
        }

        return null;
    }
}
