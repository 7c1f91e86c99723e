using Microsoft.Data.Sqlite;
using Scheduler.Definitions.Runs;
using Scheduler.State.Store;
using Scheduler.State.Tests.Support;
using static Scheduler.State.Tests.Support.Fixtures;

namespace Scheduler.State.Tests;

/// <summary>
/// The SQLite batches' own connection, kept from batch to batch: a batch that fails leaves nothing of itself and the
/// next one goes through on a fresh connection; rows written by other connections are seen by the next batch.
/// </summary>
public sealed class BatchWriterTests
{
    private const int SqliteFull = 13;

    [Fact]
    public async Task A_claim_batch_on_a_full_store_writes_none_of_its_rows_and_the_same_batch_goes_through_once_space_returns()
    {
        using var folder = new TempFolder();
        var limit = new PageLimit();
        await using var store = await SchedulerStore.OpenAsync(
            new StoreOptions { DataDirectory = folder.Path, Pooling = false, PageLimit = limit }, null, TestTimeout.Token);
        await store.AddTaskAsync("t");
        var first = (await store.Runs.ClaimBatchAsync([Claim(Slot)], [], Instance, TestTimeout.Token)).Single()!.Value;
        var batch = Enumerable.Range(1, 2_000).Select(i => Claim(Slot.AddSeconds(i)) with { SkipReason = new string('x', 200) }).ToList();

        // The disk fills (the file may not grow past its size), partway through a batch that needs new pages.
        limit.MaxPages = (long)(await folder.ScalarAsync("PRAGMA page_count"))!;
        var full = await Assert.ThrowsAsync<SqliteException>(() => store.Runs.ClaimBatchAsync(batch, [], Instance, TestTimeout.Token));

        Assert.Equal(SqliteFull, full.SqliteErrorCode);
        Assert.Equal(1L, await folder.ScalarAsync("""SELECT COUNT(*) FROM "Runs" """));

        // Space comes back: the same batch is written whole, and the run claimed before the outage can end.
        limit.MaxPages = null;
        var ids = await store.Runs.ClaimBatchAsync(batch, [], Instance, TestTimeout.Token);
        var ended = await store.Runs.FinishBatchAsync([new RunFinish(first, RunStatus.Succeeded, 0, "ok", 2, null, Slot.AddSeconds(1))], TestTimeout.Token);

        Assert.All(ids, id => Assert.NotNull(id));
        Assert.Equal([true], ended);
        Assert.Equal(2_001L, await folder.ScalarAsync("""SELECT COUNT(*) FROM "Runs" """));
        Assert.Equal("succeeded", await folder.ScalarAsync($"""SELECT "Status" FROM "Runs" WHERE "Id" = {first}"""));
    }

    [Fact]
    public async Task An_end_batch_on_a_full_store_leaves_its_runs_running_and_ends_them_when_written_again()
    {
        using var folder = new TempFolder();
        var limit = new PageLimit();
        await using var store = await SchedulerStore.OpenAsync(
            new StoreOptions { DataDirectory = folder.Path, Pooling = false, PageLimit = limit }, null, TestTimeout.Token);
        await store.AddTaskAsync("t");
        var ids = await store.Runs.ClaimBatchAsync([.. Enumerable.Range(0, 500).Select(i => Claim(Slot.AddSeconds(i)))], [], Instance, TestTimeout.Token);
        var ends = ids.Select((id, i) => new RunFinish(id!.Value, RunStatus.Failed, 1, new string('o', 2_000), 2_000, "exit 1", Slot.AddSeconds(i + 1))).ToList();

        limit.MaxPages = (long)(await folder.ScalarAsync("PRAGMA page_count"))!;
        await Assert.ThrowsAsync<SqliteException>(() => store.Runs.FinishBatchAsync(ends, TestTimeout.Token));

        Assert.Equal(500L, await folder.ScalarAsync("""SELECT COUNT(*) FROM "Runs" WHERE "Status" = 'running'"""));
        Assert.Equal(0L, await folder.ScalarAsync("""SELECT "FailureStreak" FROM "Tasks" WHERE "Id" = 't'"""));

        limit.MaxPages = null;
        var done = await store.Runs.FinishBatchAsync(ends, TestTimeout.Token);

        Assert.All(done, Assert.True);
        Assert.Equal(0L, await folder.ScalarAsync("""SELECT COUNT(*) FROM "Runs" WHERE "Status" = 'running'"""));
        Assert.Equal(500L, await folder.ScalarAsync("""SELECT "FailureStreak" FROM "Tasks" WHERE "Id" = 't'"""));
    }

    [Fact]
    public async Task A_batch_sees_the_rows_another_connection_wrote_since_the_previous_batch()
    {
        using var folder = new TempFolder();
        await using var mine = await folder.OpenAsync();
        await using var other = await folder.OpenAsync();
        await mine.AddTaskAsync("t");
        await mine.Runs.ClaimBatchAsync([Claim(Slot)], [], Instance, TestTimeout.Token);

        var theirs = await other.Runs.ClaimBatchAsync([Claim(Slot.AddMinutes(1))], [], "host-b", TestTimeout.Token);
        var lost = await mine.Runs.ClaimBatchAsync([Claim(Slot.AddMinutes(1)), Claim(Slot.AddMinutes(2))], [], Instance, TestTimeout.Token);
        var ended = await mine.Runs.FinishBatchAsync([new RunFinish(theirs[0]!.Value, RunStatus.Succeeded, 0, "", 0, null, Slot.AddMinutes(2))], TestTimeout.Token);

        Assert.Null(lost[0]);
        Assert.NotNull(lost[1]);
        Assert.Equal([true], ended);
        var task = await other.Runs.GetTaskAsync("t", TestTimeout.Token);
        Assert.Equal((lost[1], RunStatus.Running), (task!.LastRunId, task.LastRunStatus));
    }

    private static SlotClaim Claim(DateTimeOffset slot) => new("t", slot, 1, RunTrigger.Schedule, Revision, slot);
}
