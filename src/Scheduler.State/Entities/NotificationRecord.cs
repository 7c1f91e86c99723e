namespace Scheduler.State.Entities;

/// <summary>
/// One notification about a task: the event, where it went (an environment variable's name and a format, never
/// the URL, which is a secret), and how delivery went. Drops on a full queue are never recorded, only counted.
/// </summary>
public sealed class NotificationRecord
{
    public long Id { get; set; }

    public required string TaskId { get; set; }

    /// <summary>The run it is about; null for slots passed over without a run row (downtime, starting deadline).</summary>
    public long? RunId { get; set; }

    /// <summary>failure, timeout, recovery, missed or streak.</summary>
    public required string Event { get; set; }

    /// <summary>The target as shown: <c>OPS_WEBHOOK_URL (slack)</c>.</summary>
    public required string Target { get; set; }

    /// <summary>One of <see cref="NotificationStatuses"/>.</summary>
    public required string Status { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the last attempt ended (or the record was created, before any attempt).</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The serving process that delivers it; a restart of that process settles what it left pending.</summary>
    public required string Instance { get; set; }
}
