using Scheduler.Definitions.Model;
using Scheduler.Definitions.Runs;

namespace Scheduler.Engine.Handlers;

/// <summary>
/// Everything a handler knows about the run it executes. <see cref="Slot"/> is the schedule slot in UTC
/// (for a manual run, the time it was requested). Output goes to <see cref="Output"/>, a bounded tail.
/// </summary>
public sealed record RunContext(
    TaskDefinition Task,
    long RunId,
    DateTimeOffset Slot,
    int Attempt,
    RunTrigger Trigger,
    OutputTail Output,
    TimeProvider Time)
{
    /// <summary>The task's credentials, resolved when the run started (<see cref="RunSecrets.Resolve"/>).</summary>
    public RunSecrets Secrets { get; init; } = RunSecrets.None;

    /// <summary>Which of the scheduler's own environment variables the run gets besides the basics.</summary>
    public PassEnvironment PassEnvironment { get; init; } = PassEnvironment.None;
}
