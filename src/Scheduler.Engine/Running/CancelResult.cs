namespace Scheduler.Engine.Running;

/// <summary>What a cancel request did: the run is being stopped, does not exist, or cannot be cancelled (and why).</summary>
public sealed record CancelResult(CancelOutcome Outcome, string? Reason = null);

public enum CancelOutcome
{
    Stopping,
    NotFound,
    Refused,
}
