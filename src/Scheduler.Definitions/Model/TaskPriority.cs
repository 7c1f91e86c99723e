namespace Scheduler.Definitions.Model;

/// <summary>The CPU and I/O priority of a <c>command</c> or <c>shell</c> task's processes.</summary>
public enum TaskPriority
{
    /// <summary>The scheduler's own priority (the default).</summary>
    Normal,

    /// <summary>nice 10 and the idle I/O class: maintenance that must not slow the service beside it.</summary>
    Low,
}
