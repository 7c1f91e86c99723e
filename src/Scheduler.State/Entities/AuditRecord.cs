namespace Scheduler.State.Entities;

/// <summary>Something a person or the reconciler did: run now, cancel, a definition applied, a task retired.</summary>
public sealed class AuditRecord
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>One of <see cref="AuditActions"/>.</summary>
    public required string Action { get; set; }

    public string? TaskId { get; set; }

    public long? RunId { get; set; }

    /// <summary>Who asked: a remote address, or <c>reconciler</c>.</summary>
    public string? Actor { get; set; }

    public required string Result { get; set; }

    public string? Detail { get; set; }
}
