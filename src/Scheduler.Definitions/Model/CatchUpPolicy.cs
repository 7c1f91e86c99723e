namespace Scheduler.Definitions.Model;

/// <summary>What to do with slots missed while the scheduler was down or behind.</summary>
public enum CatchUpPolicy
{
    /// <summary>Skip every missed slot; wait for the next future one.</summary>
    None,

    /// <summary>Run once, for the most recent missed slot (the default).</summary>
    Latest,

    /// <summary>Run every missed slot, oldest first, up to <c>max-catch-up</c>.</summary>
    All,
}
