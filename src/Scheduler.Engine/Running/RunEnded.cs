using Scheduler.Definitions.Runs;

namespace Scheduler.Engine.Running;

/// <summary>
/// The executor's message to the loop that a run's handler returned (its end is on its way to the store): the run
/// no longer counts for overlap, a retry may be owed, and the task's backlog may go on.
/// </summary>
internal sealed record RunEnded(ActiveRun Run, RunStatus Status, DateTimeOffset FinishedAt);
