namespace Scheduler.Engine.Running;

/// <summary>What "Run now" did: started a run (its id), or refused and why (unknown task, overlap policy, …).</summary>
/// <remarks><see cref="Errors"/>: with <see cref="RunNowOutcome.Invalid"/>, why each bad parameter was refused, by name.</remarks>
public sealed record RunNowResult(RunNowOutcome Outcome, long? RunId = null, string? Reason = null, IReadOnlyDictionary<string, string>? Errors = null)
{
    /// <summary>What the person should know about a run that started anyway (the task is paused).</summary>
    public string? Notice { get; init; }
}

public enum RunNowOutcome
{
    Started,
    NotFound,
    Refused,
    Invalid,
}
