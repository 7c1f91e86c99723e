namespace Scheduler.Definitions.Runs;

/// <summary>Why a run started. Stored as its lowercase name (<c>catch-up</c> with a dash).</summary>
public enum RunTrigger
{
    /// <summary>A slot of the schedule, on time.</summary>
    Schedule,

    /// <summary>A slot missed while the scheduler was down or behind, run late under the task's catch-up policy.</summary>
    CatchUp,

    /// <summary>Another attempt after a failed run.</summary>
    Retry,

    /// <summary>Someone asked for it ("Run now").</summary>
    Manual,

    /// <summary>The scheduler's own maintenance.</summary>
    System,

    /// <summary>An upstream task's run ended with the outcome a chained task waits for (<c>schedule.after</c>).</summary>
    After,
}
