using Scheduler.Definitions.Model;
using Scheduler.Definitions.Parameters;
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

    /// <summary>The W3C <c>traceparent</c> of the run's span while tracing is on: <c>TRACEPARENT</c> for the processes it starts.</summary>
    public string? TraceParent { get; init; }

    /// <summary>Which of the scheduler's own environment variables the run gets besides the basics.</summary>
    public PassEnvironment PassEnvironment { get; init; } = PassEnvironment.None;

    /// <summary>
    /// The run's parameter values by name, canonical text as <see cref="ParameterValues.Resolve(IReadOnlyList{TaskParameter}, IReadOnlyDictionary{string, string})"/>
    /// gives them; null for the task's defaults (a scheduled run).
    /// </summary>
    public IReadOnlyDictionary<string, string>? Parameters { get; init; }

    /// <summary>For a chained run: the upstream run that started it (<c>SCHEDULER_UPSTREAM_*</c>, <c>{{ upstream.* }}</c>); null otherwise.</summary>
    public RunUpstream? Upstream { get; init; }

    /// <summary>The values the run sees: <see cref="Parameters"/>, or the defaults when none were given.</summary>
    public IReadOnlyDictionary<string, string> ParameterValues =>
        Parameters ?? Definitions.Parameters.ParameterValues.Defaults(Task.Parameters).Values;
}
