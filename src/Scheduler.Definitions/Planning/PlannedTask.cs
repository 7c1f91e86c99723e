using Scheduler.Definitions.Model;
using Scheduler.Definitions.Scheduling;

namespace Scheduler.Definitions.Planning;

/// <summary>
/// An added or changed task as it is at head: for a change, the fields that differ; for an addition,
/// the fields that differ from the defaults (old is null). <see cref="Next"/> is empty for disabled and manual tasks.
/// </summary>
public sealed record PlannedTask(TaskDefinition Task, IReadOnlyList<FieldChange> Fields, IReadOnlyList<Slot> Next)
{
    /// <summary>For a chained task: "Runs after X (next X slot ...)" (<see cref="ChainText"/>); null otherwise.</summary>
    public string? After { get; init; }

    public string Id => Task.Id;
}
