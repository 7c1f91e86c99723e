using Scheduler.Definitions.Runs;
using Scheduler.State.Store;

namespace Scheduler;

/// <summary>
/// One run claimed or ended at a time, as tests set up history: each is a batch of one through the store's only
/// claim and end paths (<see cref="RunStore.ClaimBatchAsync"/>, <see cref="RunStore.FinishBatchAsync"/>). Linked into
/// every test project that writes runs.
/// </summary>
internal static class StoreWrites
{
    public static async Task<long?> TryClaimAsync(
        this RunStore store, string taskId, DateTimeOffset slotUtc, int attempt, RunTrigger trigger, string revision, string instance,
        DateTimeOffset startedAt, CancellationToken cancellationToken) =>
        (await store.ClaimBatchAsync([new SlotClaim(taskId, slotUtc, attempt, trigger, revision, startedAt)], [], instance, cancellationToken))[0];

    public static async Task<long?> TryRecordSkippedAsync(
        this RunStore store, string taskId, DateTimeOffset slotUtc, RunTrigger trigger, string reason, string revision, string instance,
        DateTimeOffset at, CancellationToken cancellationToken) =>
        (await store.ClaimBatchAsync([new SlotClaim(taskId, slotUtc, 1, trigger, revision, at, reason)], [], instance, cancellationToken))[0];

    public static async Task<bool> FinishAsync(
        this RunStore store, long runId, RunStatus status, int? exitCode, string outputTail, long outputBytes, string? error,
        DateTimeOffset finishedAt, CancellationToken cancellationToken) =>
        (await store.FinishBatchAsync([new RunFinish(runId, status, exitCode, outputTail, outputBytes, error, finishedAt)], cancellationToken))[0];

    /// <summary>Moves the catch-up mark as a tick's advance does (its next slot unknown here).</summary>
    public static Task AdvanceLastSlotAsync(this RunStore store, string taskId, DateTimeOffset slotUtc, CancellationToken cancellationToken) =>
        store.ClaimBatchAsync([], [new TaskAdvance(taskId, slotUtc, null)], "test", cancellationToken);
}
