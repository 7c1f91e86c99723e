namespace Scheduler.Definitions.Runs;

/// <summary>Where a run stands. Stored as its lowercase name (<c>timed-out</c> with a dash).</summary>
public enum RunStatus
{
    Running,
    Succeeded,
    Failed,

    /// <summary>Killed after its timeout.</summary>
    TimedOut,

    /// <summary>Never started: its slot came while another run was active (overlap: forbid), or it was missed past its deadline.</summary>
    Skipped,

    /// <summary>Its process died with the scheduler (crash, kill -9, shutdown) before it finished.</summary>
    Interrupted,

    /// <summary>Stopped on request, or replaced by a newer run (overlap: replace).</summary>
    Cancelled,

    /// <summary>Owed but not started yet: a chained run written with its upstream's end, waiting to be claimed.</summary>
    Queued,
}
