using Scheduler.Definitions.Runs;

namespace Scheduler.Engine.Running;

/// <summary>A run owed to a task that waits for the task's active run to end: the rest of a catch-up, or a retry, under overlap forbid.</summary>
internal readonly record struct PendingDispatch(DateTimeOffset Slot, RunTrigger Trigger, int Attempt);
