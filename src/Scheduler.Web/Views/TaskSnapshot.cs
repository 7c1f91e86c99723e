using Scheduler.State.Entities;

namespace Scheduler.Web.Views;

/// <summary>
/// The lists' tasks as built at <see cref="BuiltAt"/> from <see cref="Tasks"/> (as <see cref="TaskSummaries"/> handed
/// them out) and <see cref="Pauses"/>: each task's record, row and definition in <see cref="Listed"/>, in id order.
/// Shared by every request that is served it (<see cref="TaskList"/>): nothing in it is changed.
/// </summary>
internal sealed record TaskSnapshot(IReadOnlyList<TaskRecord> Tasks, IReadOnlyList<PauseRecord> Pauses, DateTimeOffset BuiltAt, IReadOnlyList<ListedTask> Listed)
{
    /// <summary>The tasks of <see cref="Listed"/> by id.</summary>
    public IReadOnlyDictionary<string, ListedTask> ById { get; } = Listed.ToDictionary(t => t.Task.Id, StringComparer.Ordinal);
}
