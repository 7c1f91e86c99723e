using Microsoft.Extensions.Logging;

namespace Scheduler.Engine;

/// <summary>The engine's log lines, source-generated: one structured line per run start and finish, and the decisions an operator asks about.</summary>
internal static partial class EngineLog
{
    [LoggerMessage(1, LogLevel.Information, "Run {RunId} of {TaskId} started: slot {Slot:O}, attempt {Attempt}, trigger {Trigger}")]
    public static partial void RunStarted(ILogger logger, long runId, string taskId, DateTimeOffset slot, int attempt, string trigger);

    [LoggerMessage(2, LogLevel.Information, "Run {RunId} of {TaskId} finished: {Status} in {DurationMs} ms, slot {Slot:O}, exit code {ExitCode}, error {Error}")]
    public static partial void RunFinished(ILogger logger, long runId, string taskId, string status, long durationMs, DateTimeOffset slot, int? exitCode, string? error);

    [LoggerMessage(3, LogLevel.Warning, "Slot {Slot:O} of {TaskId} skipped: {Reason}")]
    public static partial void SlotSkipped(ILogger logger, string taskId, DateTimeOffset slot, string reason);

    [LoggerMessage(4, LogLevel.Warning, "{Count} slot(s) of {TaskId} passed over: {Reason}")]
    public static partial void SlotsPassed(ILogger logger, string taskId, int count, string reason);

    [LoggerMessage(5, LogLevel.Debug, "Slot {Slot:O} attempt {Attempt} of {TaskId} was claimed by another instance")]
    public static partial void ClaimLost(ILogger logger, string taskId, DateTimeOffset slot, int attempt);

    [LoggerMessage(6, LogLevel.Information, "Retry {Attempt} of {TaskId} (slot {Slot:O}) in {Delay}")]
    public static partial void RetryScheduled(ILogger logger, string taskId, DateTimeOffset slot, int attempt, TimeSpan delay);

    [LoggerMessage(7, LogLevel.Warning, "{Count} run(s) left running by a stopped scheduler were marked interrupted")]
    public static partial void RunsInterrupted(ILogger logger, int count);

    [LoggerMessage(8, LogLevel.Error, "The handler of run {RunId} ({TaskId}) crashed")]
    public static partial void HandlerCrashed(ILogger logger, Exception exception, long runId, string taskId);

    [LoggerMessage(9, LogLevel.Error, "The engine could not write to the store")]
    public static partial void StoreFailed(ILogger logger, Exception exception);

    [LoggerMessage(10, LogLevel.Information, "Engine stopping: {Count} run(s) still active get {Grace} to stop")]
    public static partial void Stopping(ILogger logger, int count, TimeSpan grace);

    [LoggerMessage(11, LogLevel.Information, "Engine started as instance {Instance}: {Count} task(s)")]
    public static partial void Started(ILogger logger, string instance, int count);

    [LoggerMessage(14, LogLevel.Error, "The event sink failed on an event of {TaskId}")]
    public static partial void SinkFailed(ILogger logger, Exception exception, string taskId);

    [LoggerMessage(12, LogLevel.Warning, "{Count} run(s) of scheduler instances silent for longer than their lease ({Lease}) were marked interrupted")]
    public static partial void DeadInstanceRunsInterrupted(ILogger logger, int count, TimeSpan lease);

    [LoggerMessage(13, LogLevel.Information, "Run {RunId} is cancelled at the request of another instance")]
    public static partial void CancelRequestedElsewhere(ILogger logger, long runId);

    [LoggerMessage(40, LogLevel.Warning, "Task {TaskId} is suspended after {Limit} consecutive failures (last: run {RunId}); it stays paused until someone resumes it")]
    public static partial void TaskSuspended(ILogger logger, string taskId, int limit, long runId);
}
