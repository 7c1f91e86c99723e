namespace Scheduler.Engine.Planning;

/// <summary>What the engine does with one owed run (see <see cref="DispatchDecision"/>).</summary>
public enum DispatchAction
{
    /// <summary>Claim it in the store and start it (when a place under the concurrency cap is free).</summary>
    Claim,

    /// <summary>Keep it in the task's backlog, behind what is ahead of it; it is decided again when a run of the task ends.</summary>
    Queue,

    /// <summary>Record it as a skipped run with the reason (a slot that came while a run was active, under forbid).</summary>
    Skip,

    /// <summary>Do not start it and record nothing: a manual run is refused and the person told why.</summary>
    Refuse,

    /// <summary>Stop the runs in the way (<see cref="DispatchVerdict.Replaces"/>), then claim it.</summary>
    Replace,
}
