namespace Scheduler.State.Entities;

/// <summary>
/// A pause a person (or the scheduler, on a failure streak) put on a task, a folder or everything: its due slots are
/// skipped until it is resumed or its <see cref="UntilUtc"/> passes. A runtime control, so it lives here, not in git.
/// </summary>
public sealed class PauseRecord
{
    /// <summary>A task id (<c>backups/nightly-db</c>), a folder with its slash (<c>backups/</c>), or <c>*</c> for every task.</summary>
    public required string Target { get; set; }

    /// <summary>Who paused: a signed-in name, a token's name, a remote address, or <c>scheduler</c> for a suspension.</summary>
    public required string By { get; set; }

    public required string Reason { get; set; }

    public DateTimeOffset SinceUtc { get; set; }

    /// <summary>When the pause ends by itself; null until someone resumes it.</summary>
    public DateTimeOffset? UntilUtc { get; set; }

    /// <summary>For a suspension: the definition hash of the task when it was suspended, so the page can say the file changed since.</summary>
    public string? DefinitionHash { get; set; }

    /// <summary>For a suspension: the run whose failure completed the streak.</summary>
    public long? RunId { get; set; }
}
