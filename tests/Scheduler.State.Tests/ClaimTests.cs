using Microsoft.EntityFrameworkCore;
using Scheduler.Definitions.Runs;
using Scheduler.State.Tests.Support;
using static Scheduler.State.Tests.Support.Fixtures;

namespace Scheduler.State.Tests;

public sealed class ClaimTests
{
    [Fact]
    public async Task A_second_claim_of_the_same_slot_loses()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();
        await store.AddTaskAsync("backups/nightly-db");

        var first = await store.Runs.TryClaimAsync("backups/nightly-db", Slot, 1, RunTrigger.Schedule, Revision, "host-a", Slot, TestTimeout.Token);
        var second = await store.Runs.TryClaimAsync("backups/nightly-db", Slot, 1, RunTrigger.Schedule, Revision, "host-b", Slot, TestTimeout.Token);

        Assert.NotNull(first);
        Assert.Null(second);
        var run = Assert.Single(await store.Runs.ListRunsAsync(null, 10, null, TestTimeout.Token));
        Assert.Equal(("host-a", RunStatus.Running), (run.Instance, run.Status));
    }

    [Fact]
    public async Task Another_attempt_of_the_same_slot_is_a_claim_of_its_own()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();

        var first = await store.Runs.TryClaimAsync("t", Slot, 1, RunTrigger.Schedule, Revision, Instance, Slot, TestTimeout.Token);
        var retry = await store.Runs.TryClaimAsync("t", Slot, 2, RunTrigger.Retry, Revision, Instance, Slot.AddMinutes(1), TestTimeout.Token);

        Assert.NotNull(first);
        Assert.NotNull(retry);
        Assert.NotEqual(first, retry);
    }

    [Fact]
    public async Task Twenty_stores_racing_for_the_same_slot_record_exactly_one_run()
    {
        using var folder = new TempFolder();
        await using (var setup = await folder.OpenAsync())
        {
            await setup.AddTaskAsync("t");
        }

        // Separate store instances without pooling: twenty independent connections, like twenty processes.
        var stores = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => folder.OpenAsync(pooling: false)));
        try
        {
            foreach (var slot in new[] { Slot, Slot.AddHours(1), Slot.AddHours(2) })
            {
                var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var racers = stores.Select(async (s, i) =>
                {
                    await start.Task;
                    return await s.Runs.TryClaimAsync("t", slot, 1, RunTrigger.Schedule, Revision, $"host-{i}", slot, TestTimeout.Token);
                }).ToList();
                start.SetResult();
                var ids = await Task.WhenAll(racers);

                Assert.Single(ids, id => id is not null);
            }

            Assert.Equal(3L, await folder.ScalarAsync("SELECT count(*) FROM Runs"));
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_skipped_slot_is_a_claim_too()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();
        await store.AddTaskAsync("t");

        var skipped = await store.Runs.TryRecordSkippedAsync(
            "t", Slot, RunTrigger.Schedule, "The previous run is still running (overlap: forbid).", Revision, Instance, Slot, TestTimeout.Token);
        var claim = await store.Runs.TryClaimAsync("t", Slot, 1, RunTrigger.Schedule, Revision, "host-b", Slot, TestTimeout.Token);

        Assert.NotNull(skipped);
        Assert.Null(claim);
        var run = await store.Runs.GetRunAsync(skipped.Value, TestTimeout.Token);
        Assert.NotNull(run);
        Assert.Equal(RunStatus.Skipped, run.Status);
        Assert.Null(run.StartedAt);
        Assert.Equal(Slot, run.FinishedAt);
        Assert.Equal("The previous run is still running (overlap: forbid).", run.Error);
        Assert.Equal(Slot, (await store.Runs.GetTaskAsync("t", TestTimeout.Token))!.LastSlotUtc);
    }

    [Fact]
    public async Task Scheduled_claims_move_the_last_slot_forward_and_never_back()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();
        await store.AddTaskAsync("t");

        await store.Runs.TryClaimAsync("t", Slot.AddHours(2), 1, RunTrigger.Schedule, Revision, Instance, Slot, TestTimeout.Token);
        await store.Runs.TryClaimAsync("t", Slot, 1, RunTrigger.CatchUp, Revision, Instance, Slot, TestTimeout.Token);
        await store.Runs.TryClaimAsync("t", Slot.AddHours(5), 1, RunTrigger.Manual, Revision, Instance, Slot, TestTimeout.Token);
        await store.Runs.AdvanceLastSlotAsync("t", Slot.AddHours(1), TestTimeout.Token);

        Assert.Equal(Slot.AddHours(2), (await store.Runs.GetTaskAsync("t", TestTimeout.Token))!.LastSlotUtc);

        await store.Runs.AdvanceLastSlotAsync("t", Slot.AddHours(3), TestTimeout.Token);
        Assert.Equal(Slot.AddHours(3), (await store.Runs.GetTaskAsync("t", TestTimeout.Token))!.LastSlotUtc);
    }

    [Fact]
    public async Task A_claim_sets_the_task_summary_to_the_new_running_run()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();
        await store.AddTaskAsync("t");

        var id = await store.Runs.TryClaimAsync("t", Slot, 1, RunTrigger.Schedule, Revision, Instance, Slot.AddSeconds(1), TestTimeout.Token);

        var task = await store.Runs.GetTaskAsync("t", TestTimeout.Token);
        Assert.NotNull(task);
        Assert.Equal((id, RunStatus.Running, Slot.AddSeconds(1)), (task.LastRunId, task.LastRunStatus, task.LastRunStartedAt));
    }

    [Fact]
    public async Task A_claim_that_fails_for_another_reason_than_the_unique_slot_throws()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();

        // A missing revision breaks NOT NULL, not the claim's unique index: that is a bug, not a lost race.
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(
            () => store.Runs.TryClaimAsync("t", Slot, 1, RunTrigger.Schedule, null!, Instance, Slot, TestTimeout.Token));
    }
}
