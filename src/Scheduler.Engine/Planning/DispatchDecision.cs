using Scheduler.Definitions.Model;
using Scheduler.Definitions.Runs;

namespace Scheduler.Engine.Planning;

/// <summary>
/// The one home of the pause, overlap, catch-up-order, chain and concurrency group rules (each its own step, pause first, the group last): given an owed run and what stands around it,
/// claim, queue, skip with a reason, refuse, or replace. A pure function, tested as a table of literal rows.
/// </summary>
/// <remarks>
/// Under <c>forbid</c>, runs that are owed rather than optional (the rest of a catch-up, a retry, a system run) wait
/// in the task's backlog, oldest first, one after another. The on-time slot waits behind a catch-up backlog (it
/// is not the backlog's fault that it is running) but is skipped by an ordinary run of the task, as the policy says;
/// only one on-time slot waits at a time, so a backlog that runs longer than the schedule's period stays bounded.
/// </remarks>
public static class DispatchDecision
{
    public static DispatchVerdict Decide(DispatchInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return ConcurrencyRule.Decide(input.Group, DecideOverlap(input));
    }

    private static DispatchVerdict DecideOverlap(DispatchInput input)
    {
        var run = input.Run;
        if (PauseRule.Decide(input.Pause, run, input.Now) is { } paused)
        {
            return paused;
        }

        if (SlotTakenRule.Decide(input) is { } taken)
        {
            return taken;
        }

        var busy = input.ActiveHere.Count > 0 || input.ActiveElsewhere.Count > 0;
        return input.Overlap switch
        {
            OverlapPolicy.Allow => DispatchVerdict.Claim,
            OverlapPolicy.Replace when busy => new DispatchVerdict(DispatchAction.Replace) { Replaces = [.. input.ActiveHere, .. input.ActiveElsewhere] },
            OverlapPolicy.Replace => DispatchVerdict.Claim,
            _ when !busy && input.QueuedAhead.Count == 0 => DispatchVerdict.Claim,
            _ => Forbid(input, run),
        };
    }

    /// <summary>The concurrency cap of one process: a claimed run starts when fewer than <paramref name="maxConcurrent"/> runs execute.</summary>
    public static bool HasFreePlace(int executing, int maxConcurrent) => executing < maxConcurrent;

    private static DispatchVerdict Forbid(DispatchInput input, OwedRun run)
    {
        if (ChainRule.UnderForbid(input, InTheWay(input)) is { } chained)
        {
            return chained;
        }

        switch (run.Trigger)
        {
            case RunTrigger.CatchUp or RunTrigger.Retry or RunTrigger.System:
                return DispatchVerdict.Queue;
            case RunTrigger.Manual:
                return new DispatchVerdict(DispatchAction.Refuse, InTheWay(input));
        }

        // An on-time slot: it waits behind a catch-up backlog (queued, or its last run executing) unless one already waits.
        foreach (var waiting in input.QueuedAhead)
        {
            if (waiting.Trigger == RunTrigger.Schedule)
            {
                return new DispatchVerdict(
                    DispatchAction.Skip,
                    $"the slot {Format(waiting.Slot)} is already waiting for the task's catch-up runs to end (overlap: forbid)");
            }
        }

        var catchingUp = input.QueuedAhead.Count > 0
            || (input.ActiveElsewhere.Count == 0 && input.ActiveHere.All(r => r.Trigger == RunTrigger.CatchUp));
        return catchingUp ? DispatchVerdict.Queue : new DispatchVerdict(DispatchAction.Skip, InTheWay(input));
    }

    private static string InTheWay(DispatchInput input)
    {
        var first = input.ActiveHere.Count > 0 ? input.ActiveHere[0] : input.ActiveElsewhere.Count > 0 ? input.ActiveElsewhere[0] : (RunInWay?)null;
        return first is { } r
            ? $"{r.Describe()} is still {r.WaitingFor ?? "running"} (overlap: forbid)"
            : "the task's catch-up runs are waiting to run first (overlap: forbid)";
    }

    private static string Format(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
