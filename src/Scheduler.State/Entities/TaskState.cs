namespace Scheduler.State.Entities;

/// <summary>Where a task stands in the store. Stored as its lowercase dashed name (see <see cref="TaskStateNames"/>).</summary>
public enum TaskState
{
    /// <summary>Its file is valid and it fires on its schedule.</summary>
    Active,

    /// <summary>Its file is now invalid; it keeps firing the last good definition kept in the store.</summary>
    InvalidRunningLastGood,

    /// <summary>Its definition says not to fire.</summary>
    Disabled,

    /// <summary>Its file was deleted; its history is kept.</summary>
    Retired,
}
