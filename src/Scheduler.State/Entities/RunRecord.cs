using Scheduler.Definitions.Runs;

namespace Scheduler.State.Entities;

/// <summary>One execution of a task. (TaskId, SlotUtc, Attempt) is unique: inserting it is the exactly-once claim.</summary>
public sealed class RunRecord
{
    public long Id { get; set; }

    public required string TaskId { get; set; }

    public RunTrigger Trigger { get; set; }

    public DateTimeOffset SlotUtc { get; set; }

    /// <summary>1 for the first try; each retry is its own row.</summary>
    public int Attempt { get; set; }

    public RunStatus Status { get; set; }

    /// <summary>Null for a run born skipped.</summary>
    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public int? ExitCode { get; set; }

    /// <summary>The last bytes of output as text; the caller bounds it.</summary>
    public string OutputTail { get; set; } = "";

    /// <summary>Every byte the run printed, including those not kept in <see cref="OutputTail"/>.</summary>
    public long OutputBytes { get; set; }

    public string? Error { get; set; }

    public required string Revision { get; set; }

    /// <summary>The serving process that claimed the run (see <see cref="InstanceRecord"/>).</summary>
    public required string Instance { get; set; }

    /// <summary>
    /// For a skipped row that stands for a range of consecutive slots passed over for one reason (downtime past the
    /// catch-up policy, <c>max-catch-up</c>, <c>starting-deadline</c>): the last slot of the range; <see cref="SlotUtc"/>
    /// is its first. Null for every other row.
    /// </summary>
    public DateTimeOffset? PassedToUtc { get; set; }

    /// <summary>How many slots the passed range holds (with <see cref="PassedToUtc"/>); null for every other row.</summary>
    public int? PassedCount { get; set; }

    /// <summary>
    /// Set when a cancel was asked of a replica that does not own the run; the owner polls for it and stops
    /// the run, so a cancel reaches the one process that can act on it.
    /// </summary>
    public DateTimeOffset? CancelRequestedAt { get; set; }

    /// <summary>
    /// For a chained run (trigger <c>after</c>): the ids of the upstream runs that caused it, comma-separated, in the
    /// order of the task's <c>after</c> list. With <see cref="TaskId"/> and <see cref="Attempt"/> it is unique: the
    /// second write of the same upstream end does nothing. Null for every other run.
    /// </summary>
    public string? UpstreamRunIds { get; set; }

    /// <summary>
    /// The run's parameter values as a JSON object of canonical texts (<c>{"region":"eu","dry-run":"true"}</c>, see
    /// <see cref="Store.RunParameters"/>): what a person gave with the defaults filled in, or a scheduled run's defaults.
    /// Null for a task that declares no <c>params:</c>, and for skipped rows.
    /// </summary>
    public string? Parameters { get; set; }

    /// <summary>
    /// The concurrency group the run was claimed under (<c>concurrency.group</c>), whose running rows count against its
    /// limit across replicas; a run that found the group full waits <c>queued</c> with it. Null for a task without one.
    /// </summary>
    public string? ConcurrencyGroup { get; set; }
}
