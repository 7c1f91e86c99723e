using Scheduler.Definitions.Runs;

namespace Scheduler.Engine.Planning;

/// <summary>
/// The chain rule of the <see cref="DispatchDecision"/>, under <c>overlap: forbid</c>: a chained run (trigger
/// <c>after</c>) that comes while its task runs is skipped with the reason, as an on-time slot is (it is recorded, so
/// the upstream's end is accounted for); one that comes while only the task's catch-up backlog waits queues behind it.
/// Under <c>allow</c> and <c>replace</c> it is any run.
/// </summary>
internal static class ChainRule
{
    public static DispatchVerdict? UnderForbid(DispatchInput input, string inTheWay)
    {
        if (input.Run.Trigger != RunTrigger.After)
        {
            return null;
        }

        var busy = input.ActiveHere.Count > 0 || input.ActiveElsewhere.Count > 0;
        return busy ? new DispatchVerdict(DispatchAction.Skip, inTheWay) : DispatchVerdict.Queue;
    }
}
