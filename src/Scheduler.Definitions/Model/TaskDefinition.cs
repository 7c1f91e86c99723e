using Scheduler.Definitions.Scheduling;

namespace Scheduler.Definitions.Model;

/// <summary>One valid task, read from one file under <c>schedules/</c>; its id is that file's path without extension.</summary>
public sealed record TaskDefinition(
    string Id,
    string SourcePath,
    string? Description,
    bool Enabled,
    ScheduleDefinition Schedule,
    CatchUpPolicy CatchUp,
    int MaxCatchUp,
    TimeSpan? StartingDeadline,
    OverlapPolicy Overlap,
    TimeSpan Timeout,
    TimeSpan KillGrace,
    RetryPolicy Retry,
    IReadOnlyDictionary<string, TaskValue> Environment,
    string? WorkingDirectory,
    HandlerDefinition Handler,
    NotifyDefinition? Notify = null,
    TaskPriority Priority = TaskPriority.Normal,
    IReadOnlyList<TaskParameter>? Params = null)
{
    /// <summary>The parameters the task declares under <c>params:</c>, in file order; empty when it declares none.</summary>
    public IReadOnlyList<TaskParameter> Parameters => Params ?? [];

    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromHours(1);

    public static TimeSpan DefaultKillGrace { get; } = TimeSpan.FromSeconds(10);

    public const int DefaultMaxCatchUp = 100;

    /// <summary>
    /// <c>suspend-after-failures</c>: after this many consecutive failed runs (a run whose retries are all spent counts
    /// once) the task is paused until someone resumes it; null when the file does not say (the server's default applies).
    /// </summary>
    public int? SuspendAfterFailures { get; init; }

    /// <summary><c>concurrency:</c>, the group whose limit of runs at once this task shares; null when it names none.</summary>
    public ConcurrencyDefinition? Concurrency { get; init; }

    /// <summary>The slots of this task's schedule.</summary>
    public Schedule Slots => Schedule.Slots;
}
