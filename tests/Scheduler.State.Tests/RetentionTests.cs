using Scheduler.Definitions.Runs;
using Scheduler.State.Store;
using Scheduler.State.Tests.Support;
using static Scheduler.State.Tests.Support.Fixtures;

namespace Scheduler.State.Tests;

public sealed class RetentionTests
{
    [Fact]
    public async Task Retention_by_age_deletes_old_ended_runs_in_batches_and_never_a_running_one()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();
        for (var i = 0; i < 25; i++)
        {
            await FinishedAsync(store, "t", Slot.AddMinutes(i));
        }

        var running = await store.Runs.TryClaimAsync("t", Slot.AddDays(-30), 1, RunTrigger.Schedule, Revision, Instance, Slot.AddDays(-30), TestTimeout.Token);
        var recent = await FinishedAsync(store, "t", Slot.AddDays(10));

        var deleted = await store.Runs.DeleteRunsOlderThanAsync(Slot.AddDays(1), batchSize: 10, TestTimeout.Token);

        Assert.Equal(25, deleted);
        Assert.Equal(new[] { recent, running!.Value }, (await store.Runs.ListRunsAsync("t", 100, null, TestTimeout.Token)).Select(r => r.Id));
    }

    [Fact]
    public async Task Retention_by_count_keeps_the_newest_runs_of_each_task()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();
        var busy = new List<long>();
        var quiet = new List<long>();
        for (var i = 0; i < 12; i++)
        {
            busy.Add(await FinishedAsync(store, "busy", Slot.AddMinutes(i)));
            if (i < 3)
            {
                quiet.Add(await FinishedAsync(store, "quiet", Slot.AddMinutes(i)));
            }
        }

        var deleted = await store.Runs.DeleteRunsBeyondPerTaskAsync(keep: 5, batchSize: 2, TestTimeout.Token);

        Assert.Equal(7, deleted);
        Assert.Equal(busy.TakeLast(5).Reverse(), (await store.Runs.ListRunsAsync("busy", 100, null, TestTimeout.Token)).Select(r => r.Id));
        Assert.Equal(quiet.AsEnumerable().Reverse(), (await store.Runs.ListRunsAsync("quiet", 100, null, TestTimeout.Token)).Select(r => r.Id));
    }

    [Fact]
    public async Task Vacuum_after_retention_returns_space_and_keeps_the_data()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();
        var big = new string('x', 64 * 1024);
        for (var i = 0; i < 40; i++)
        {
            var id = (await store.Runs.TryClaimAsync("t", Slot.AddMinutes(i), 1, RunTrigger.Schedule, Revision, Instance, Slot, TestTimeout.Token))!.Value;
            await store.Runs.FinishAsync(id, RunStatus.Succeeded, 0, big, big.Length, null, Slot.AddMinutes(i), TestTimeout.Token);
        }

        await store.Runs.DeleteRunsBeyondPerTaskAsync(keep: 1, batchSize: 100, TestTimeout.Token);
        var pagesBefore = (long)(await folder.ScalarAsync("PRAGMA page_count"))!;
        await store.Runs.VacuumAsync(TestTimeout.Token);

        Assert.True((long)(await folder.ScalarAsync("PRAGMA page_count"))! < pagesBefore / 4);
        Assert.Single(await store.Runs.ListRunsAsync("t", 100, null, TestTimeout.Token));
    }

    private static async Task<long> FinishedAsync(SchedulerStore store, string taskId, DateTimeOffset slot)
    {
        var id = (await store.Runs.TryClaimAsync(taskId, slot, 1, RunTrigger.Schedule, Revision, Instance, slot, TestTimeout.Token))!.Value;
        await store.Runs.FinishAsync(id, RunStatus.Succeeded, 0, "", 0, null, slot.AddMinutes(1), TestTimeout.Token);
        return id;
    }
}
