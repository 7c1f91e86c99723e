namespace Scheduler.Definitions.Model;

/// <summary>What to do when a slot comes while a run of the same task is still active.</summary>
public enum OverlapPolicy
{
    /// <summary>Record the new slot as skipped, with the reason (the default).</summary>
    Forbid,

    /// <summary>Start the new run beside the active one.</summary>
    Allow,

    /// <summary>Cancel the active run, then start the new one.</summary>
    Replace,
}
