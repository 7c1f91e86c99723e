namespace Scheduler.Definitions.Planning;

/// <summary>What a plan warning is about; the names are stable (they appear in JSON output).</summary>
public enum PlanWarningKind
{
    /// <summary>The schedule fires more often than once a minute.</summary>
    FiresOften,

    /// <summary><c>catch-up: all</c> on a schedule with so many slots a day that downtime leaves a large backlog.</summary>
    CatchUpBacklog,

    /// <summary>The task fires within an hour of now, so merging starts it almost at once.</summary>
    FiresSoon,

    /// <summary>More than <see cref="CrowdedSlots.Limit"/> tasks, this one among them, fire at the same instant.</summary>
    SameInstant,
}
