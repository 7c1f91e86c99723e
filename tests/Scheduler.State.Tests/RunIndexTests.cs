using Scheduler.Definitions.Runs;
using Scheduler.State.Store;
using Scheduler.State.Tests.Support;
using static Scheduler.State.Tests.Support.Fixtures;

namespace Scheduler.State.Tests;

/// <summary>
/// The partial indexes of runs (migration LeanRunIndexes): an ordinary run is in neither the upstream-ids nor the
/// concurrency-group index, and the queries that need them still find them (SQLite uses a partial index only when the
/// query implies its condition).
/// </summary>
public sealed class RunIndexTests
{
    [Fact]
    public async Task Ordinary_runs_leave_the_chain_and_group_indexes_empty()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();
        await store.AddTaskAsync("t");
        await store.Runs.ClaimBatchAsync([new SlotClaim("t", Slot, 1, RunTrigger.Schedule, Revision, Slot)], [], Instance, TestTimeout.Token);

        Assert.Equal(1L, await folder.ScalarAsync("""SELECT COUNT(*) FROM "Runs" """));
        Assert.Equal(0L, await folder.ScalarAsync("""SELECT COUNT(*) FROM "Runs" INDEXED BY "IX_Runs_ConcurrencyGroup_Status" WHERE "ConcurrencyGroup" IS NOT NULL"""));
        Assert.Equal(0L, await folder.ScalarAsync("""SELECT COUNT(*) FROM "Runs" INDEXED BY "IX_Runs_TaskId_UpstreamRunIds_Attempt" WHERE "UpstreamRunIds" IS NOT NULL"""));
    }

    [Theory]
    [InlineData("""SELECT COUNT(*) FROM "Runs" WHERE "ConcurrencyGroup" = 'g' AND "Status" = 'running'""", "IX_Runs_ConcurrencyGroup_Status")]
    [InlineData("""SELECT "Id" FROM "Runs" WHERE "ConcurrencyGroup" = 'g' AND "Status" = 'queued' ORDER BY "SlotUtc", "Id" LIMIT 1000""", "IX_Runs_ConcurrencyGroup_Status")]
    [InlineData("""SELECT COUNT(*) FROM "Runs" WHERE "TaskId" = 't' AND "UpstreamRunIds" = '1,2'""", "IX_Runs_TaskId_UpstreamRunIds_Attempt")]
    [InlineData("""SELECT "Id" FROM "Runs" WHERE "Status" = 'running'""", "IX_Runs_Status")]
    [InlineData("""SELECT "Id" FROM "Runs" WHERE "Status" IN ('failed', 'timed-out', 'interrupted') ORDER BY "Id" DESC LIMIT 50""", "IX_Runs_Status")]
    public async Task The_queries_of_groups_chains_and_statuses_still_read_their_index(string query, string index)
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();

        var plan = await folder.QueryAsync("EXPLAIN QUERY PLAN " + query);

        Assert.Contains(plan, row => row[^1] is string detail && detail.Contains(index, StringComparison.Ordinal));
    }
}
