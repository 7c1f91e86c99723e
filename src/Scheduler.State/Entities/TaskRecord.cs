using Scheduler.Definitions.Runs;

namespace Scheduler.State.Entities;

/// <summary>One task as the runtime knows it: its last good definition, its state and a summary of its runs.</summary>
public sealed class TaskRecord
{
    /// <summary>The path under <c>schedules/</c> without extension, e.g. <c>backups/nightly-db</c>.</summary>
    public required string Id { get; set; }

    public required string SourcePath { get; set; }

    /// <summary>The file text of the last good version, so a restart can run it even when the file is now broken.</summary>
    public required string DefinitionYaml { get; set; }

    public required string DefinitionHash { get; set; }

    /// <summary>Where the last good definition came from: a content hash of the folder, or a commit id.</summary>
    public required string Revision { get; set; }

    public TaskState State { get; set; }

    /// <summary><c>file:line:col: CODE message</c> of the current bad version; null while the file is fine.</summary>
    public string? ConfigError { get; set; }

    public DateTimeOffset? NextSlotUtc { get; set; }

    /// <summary>The latest schedule slot handled (claimed, skipped or deliberately passed); catch-up starts after it.</summary>
    public DateTimeOffset? LastSlotUtc { get; set; }

    public long? LastRunId { get; set; }

    public RunStatus? LastRunStatus { get; set; }

    public DateTimeOffset? LastRunStartedAt { get; set; }

    public DateTimeOffset? LastRunFinishedAt { get; set; }

    /// <summary>Consecutive failed or timed-out runs; a success resets it.</summary>
    public int FailureStreak { get; set; }

    /// <summary>When the current definition (hash) was first applied.</summary>
    public DateTimeOffset AppliedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The scheduler's own maintenance (<c>system/...</c>), shown read-only.</summary>
    public bool IsSystem { get; set; }
}
