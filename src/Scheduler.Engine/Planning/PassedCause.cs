namespace Scheduler.Engine.Planning;

/// <summary>Why due slots were passed over without a run: the planner's reason as a value, for metrics and tools.</summary>
public enum PassedCause
{
    /// <summary>Missed while the scheduler was not running (or behind), and the catch-up policy does not run them.</summary>
    Downtime,

    /// <summary>More slots were missed than <c>max-catch-up</c> allows under <c>catch-up: all</c>.</summary>
    MaxCatchUp,

    /// <summary>The slot is older than the task's <c>starting-deadline</c>.</summary>
    StartingDeadline,
}
