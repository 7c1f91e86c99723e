namespace Scheduler.Engine.Running;

/// <summary>What "Run now" did: started a run (its id), or refused and why (unknown task, overlap policy, …).</summary>
public sealed record RunNowResult(RunNowOutcome Outcome, long? RunId = null, string? Reason = null);

public enum RunNowOutcome
{
    Started,
    NotFound,
    Refused,
}
