using Microsoft.Extensions.Logging;

namespace Scheduler.Engine.Notifications;

/// <summary>The notifier's log lines. Targets appear as the variable's name and format; a URL is never logged.</summary>
internal static partial class NotifyLog
{
    [LoggerMessage(401, LogLevel.Information, "Notification {Event} of {TaskId} sent to {Target} (attempt {Attempt})")]
    public static partial void Sent(ILogger logger, string @event, string taskId, string target, int attempt);

    [LoggerMessage(402, LogLevel.Warning, "Notification {Event} of {TaskId} to {Target}: attempt {Attempt} failed ({Error}); retrying in {Delay}")]
    public static partial void Retrying(ILogger logger, string @event, string taskId, string target, int attempt, string error, TimeSpan delay);

    [LoggerMessage(403, LogLevel.Error, "Notification {Event} of {TaskId} to {Target} failed after {Attempts} attempt(s): {Error}")]
    public static partial void Failed(ILogger logger, string @event, string taskId, string target, int attempts, string error);

    [LoggerMessage(404, LogLevel.Error, "Notification {Event} of {TaskId} dropped: the queue of {Capacity} is full ({Dropped} dropped so far)")]
    public static partial void Dropped(ILogger logger, string @event, string taskId, int capacity, long dropped);

    [LoggerMessage(405, LogLevel.Error, "The notifier could not write to the store")]
    public static partial void StoreFailed(ILogger logger, Exception exception);

    [LoggerMessage(406, LogLevel.Warning, "{Count} notification(s) left pending by a stopped scheduler were marked failed")]
    public static partial void Abandoned(ILogger logger, int count);
}
