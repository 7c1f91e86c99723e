namespace Scheduler.Engine.Running;

/// <summary>Why the engine stops a run before it ends by itself; decides the status it is recorded with.</summary>
internal enum StopReason
{
    /// <summary>Someone cancelled it: recorded as cancelled.</summary>
    Cancelled,

    /// <summary>A newer run replaced it (overlap: replace): recorded as cancelled.</summary>
    Replaced,

    /// <summary>The scheduler is shutting down: recorded as interrupted.</summary>
    Shutdown,
}
