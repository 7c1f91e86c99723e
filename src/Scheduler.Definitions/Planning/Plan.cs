using Scheduler.Definitions.Loading;

namespace Scheduler.Definitions.Planning;

/// <summary>
/// What merging a change to the schedules folder would do: the tasks it adds, changes and removes,
/// the files that are invalid at head, and the warnings a reviewer should read. Every list is sorted by task id.
/// </summary>
public sealed record Plan(
    IReadOnlyList<PlannedTask> Added,
    IReadOnlyList<PlannedTask> Changed,
    IReadOnlyList<RemovedTask> Removed,
    IReadOnlyList<TaskFileResult> Invalid,
    IReadOnlyList<PlanWarning> Warnings)
{
    public bool IsEmpty => Added.Count == 0 && Changed.Count == 0 && Removed.Count == 0 && Invalid.Count == 0;
}
