using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Scheduler.State.Entities;

namespace Scheduler.State.Conversion;

/// <summary>Stores a task state as its user-facing name (<c>invalid-running-last-good</c>).</summary>
internal sealed class TaskStateConverter() : ValueConverter<TaskState, string>(
    state => TaskStateNames.Of(state),
    name => TaskStateNames.Parse(name));
