using Scheduler.Definitions.Runs;
using Scheduler.Engine.Running;

namespace Scheduler.Engine.Notifications;

/// <summary>
/// One fact the engine recorded, with what a notification needs to describe it. <see cref="PreviousStreak"/> and
/// <see cref="FailureStreak"/> are the task's failure streak before and after this run.
/// </summary>
public sealed record RunEvent(
    ScheduledTask Task,
    RunEventKind Kind,
    long? RunId,
    DateTimeOffset? Slot,
    int Attempt,
    RunTrigger Trigger,
    RunStatus Status,
    DateTimeOffset At)
{
    public int? ExitCode { get; init; }

    public string? Error { get; init; }

    public string OutputTail { get; init; } = "";

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public int PreviousStreak { get; init; }

    public int FailureStreak { get; init; }

    /// <summary>For slots passed over (downtime, starting deadline, catch-up policy): how many, and why.</summary>
    public int PassedSlots { get; init; }

    public string? PassedReason { get; init; }

    /// <summary>The span of the run while tracing is on: a webhook about it is sent under it.</summary>
    public System.Diagnostics.ActivityContext Trace { get; init; }

    /// <summary>The first reason as a value (what metrics label by); the text above is for people.</summary>
    public Planning.PassedCause? PassedCause { get; init; }

    /// <summary>For a failed run (and a suspension): the definition revision the failure streak began under.</summary>
    public string? FailingSince { get; init; }
}
