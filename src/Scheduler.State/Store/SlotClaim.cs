using Scheduler.Definitions.Runs;

namespace Scheduler.State.Store;

/// <summary>
/// One run to claim in a batch: (task, slot, attempt) born <c>running</c> at <see cref="StartedAt"/>, or, with a
/// <see cref="SkipReason"/>, born <c>skipped</c> (finished at <see cref="StartedAt"/>) with that reason as its error.
/// A skipped row with <see cref="PassedToUtc"/> and <see cref="PassedCount"/> stands for the range of consecutive slots
/// from <see cref="SlotUtc"/> to <see cref="PassedToUtc"/> passed over for that one reason.
/// </summary>
public sealed record SlotClaim(
    string TaskId, DateTimeOffset SlotUtc, int Attempt, RunTrigger Trigger, string Revision, DateTimeOffset StartedAt, string? SkipReason = null)
{
    public DateTimeOffset? PassedToUtc { get; init; }

    public int? PassedCount { get; init; }

    /// <summary>A chained run already queued (written with its upstream's end): the claim moves that row on instead of inserting one.</summary>
    public long? QueuedRunId { get; init; }

    /// <summary>The run's parameter values by name (canonical text); null when the task declares none.</summary>
    public IReadOnlyDictionary<string, string>? Parameters { get; init; }

    /// <summary>The task's concurrency group: the claimed run is written <c>queued</c> and waits for the group's admission.</summary>
    public Definitions.Model.ConcurrencyDefinition? Concurrency { get; init; }
}

/// <summary>A task's catch-up mark (never moved backwards) and next slot after a tick, written with the tick's claims.</summary>
public sealed record TaskAdvance(string TaskId, DateTimeOffset LastSlotUtc, DateTimeOffset? NextSlotUtc);

/// <summary>How one run ended, for <see cref="RunStore.FinishBatchAsync"/>.</summary>
public sealed record RunFinish(long RunId, RunStatus Status, int? ExitCode, string OutputTail, long OutputBytes, string? Error, DateTimeOffset FinishedAt)
{
    /// <summary>The chained tasks this end starts, queued in the same transaction (<see cref="RunStore.FinishBatchAsync"/>).</summary>
    public IReadOnlyList<ChainFollow> Follows { get; init; } = [];

    /// <summary>The instance that writes the end: its fencing epoch is checked first (<see cref="RunStore.EpochOf"/>); null writes unfenced.</summary>
    public string? Instance { get; init; }
}
