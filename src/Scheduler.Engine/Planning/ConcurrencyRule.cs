using System.Globalization;
using Scheduler.Definitions.Runs;
using Scheduler.Definitions.Values;
using Scheduler.State.Store;

namespace Scheduler.Engine.Planning;

/// <summary>
/// The concurrency group rule: at most <c>limit</c> runs of a group's tasks at once, across every replica. A claimed run
/// of a group is written <c>queued</c>; <see cref="Admit"/>, run under the group's lock in the store, starts the queued
/// runs in slot order while places are free, and skips one whose <c>starting-deadline</c> passed while it waited.
/// <see cref="Decide"/> is the step of <see cref="DispatchDecision"/>: a claim of a full group is still a claim (the slot
/// is owed and recorded), marked with what it waits for. Overlap is decided before, per task: a queued run of the task
/// is in its way like a running one.
/// </summary>
public static class ConcurrencyRule
{
    /// <summary>The step of the dispatch decision: a claim or replace of a task whose group has no free place waits (<see cref="DispatchVerdict.WaitsFor"/>).</summary>
    public static DispatchVerdict Decide(GroupPlace? group, DispatchVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        if (group is null || verdict.Action is not (DispatchAction.Claim or DispatchAction.Replace))
        {
            return verdict;
        }

        return group.Running + group.Waiting >= group.Limit ? verdict with { WaitsFor = group.WaitingText } : verdict;
    }

    /// <summary>
    /// Which of the group's queued runs start now and which are skipped, in slot order. A run whose task this process
    /// does not know (<paramref name="memberOf"/> gives null) is left for a replica that does, and takes no place here.
    /// A retry has no deadline here (its slot is its first attempt's); the others wait until slot + starting-deadline.
    /// </summary>
    public static IReadOnlyList<GroupMove> Admit(GroupSnapshot group, int limit, Func<string, GroupMember?> memberOf, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(memberOf);
        var free = limit - group.Running;
        var moves = new List<GroupMove>();
        foreach (var run in group.Queued)
        {
            if (memberOf(run.TaskId) is not { } member)
            {
                continue;
            }

            if (run.Trigger != RunTrigger.Retry && member.StartingDeadline is { } deadline && now > run.SlotUtc + deadline)
            {
                moves.Add(new GroupMove(run.RunId,
                    $"no place in group {group.Group} (limit {limit}) before the starting deadline ({Durations.Format(deadline)} after {Format(run.SlotUtc)}) passed"));
            }
            else if (free > 0)
            {
                moves.Add(new GroupMove(run.RunId));
                free--;
            }
        }

        return moves;
    }

    private static string Format(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
