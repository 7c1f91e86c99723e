namespace Scheduler.State.Entities;

/// <summary>The stored statuses of a <see cref="NotificationRecord"/>.</summary>
public static class NotificationStatuses
{
    /// <summary>Queued or being retried.</summary>
    public const string Pending = "pending";

    /// <summary>A webhook answered 2xx.</summary>
    public const string Sent = "sent";

    /// <summary>Every attempt failed, or the URL's variable was unset, or the scheduler stopped first.</summary>
    public const string Failed = "failed";
}
