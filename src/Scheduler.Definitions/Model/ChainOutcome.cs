namespace Scheduler.Definitions.Model;

/// <summary>Which ends of an upstream run start a chained task (<c>schedule.on</c>).</summary>
public enum ChainOutcome
{
    /// <summary>The upstream run succeeded (any attempt).</summary>
    Success,

    /// <summary>The upstream run failed or timed out and no retry follows (its last attempt).</summary>
    Failure,

    /// <summary>Either of the above, or the upstream run was cancelled.</summary>
    Finished,
}
