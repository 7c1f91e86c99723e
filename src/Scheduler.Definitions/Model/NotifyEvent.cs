namespace Scheduler.Definitions.Model;

/// <summary>What a task's <c>notify.on</c> can list: the outcomes worth telling people about.</summary>
public enum NotifyEvent
{
    /// <summary>A run failed.</summary>
    Failure,

    /// <summary>A run hit its timeout.</summary>
    Timeout,

    /// <summary>The first success after one or more failed or timed-out runs.</summary>
    Recovery,

    /// <summary>A slot was skipped: overlap forbid, an old slot past its starting deadline, or downtime with catch-up none.</summary>
    Missed,

    /// <summary>The failure streak reached <see cref="NotifyDefinition.Streak"/> (once per streak, not on every later failure).</summary>
    Streak,

    /// <summary>The task was suspended: its failure streak reached <c>suspend-after-failures</c>, and it is paused until resumed.</summary>
    Suspended,
}
