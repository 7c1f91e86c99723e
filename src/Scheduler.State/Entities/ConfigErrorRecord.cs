namespace Scheduler.State.Entities;

/// <summary>One diagnostic of the latest attempted definition set; the whole set is replaced on each reconcile.</summary>
public sealed class ConfigErrorRecord
{
    public long Id { get; set; }

    public required string File { get; set; }

    public int Line { get; set; }

    public int Column { get; set; }

    public required string Code { get; set; }

    /// <summary><c>error</c> or <c>warning</c>.</summary>
    public required string Severity { get; set; }

    public required string Message { get; set; }

    public string? TaskId { get; set; }
}
