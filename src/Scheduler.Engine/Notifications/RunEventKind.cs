namespace Scheduler.Engine.Notifications;

public enum RunEventKind
{
    /// <summary>A run ended and its outcome is recorded.</summary>
    Finished,

    /// <summary>A slot did not run: skipped by overlap (a run row exists), or passed over by downtime or the starting deadline (none).</summary>
    Skipped,
}
