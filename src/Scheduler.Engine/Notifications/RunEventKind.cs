namespace Scheduler.Engine.Notifications;

public enum RunEventKind
{
    /// <summary>A run ended and its outcome is recorded.</summary>
    Finished,

    /// <summary>A slot did not run: skipped by overlap (a run row exists), or passed over by downtime or the starting deadline (none).</summary>
    Skipped,

    /// <summary>The task's failure streak reached <c>suspend-after-failures</c>: it was paused by the scheduler until someone resumes it.</summary>
    Suspended,
}
