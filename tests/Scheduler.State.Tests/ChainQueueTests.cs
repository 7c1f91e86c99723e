using Scheduler.Definitions.Runs;
using Scheduler.State.Store;
using Scheduler.State.Tests.Support;
using static Scheduler.State.Tests.Support.Fixtures;

namespace Scheduler.State.Tests;

/// <summary>An upstream's end and its downstream's queued run are one write: on a real SQLite file, once, whatever comes twice.</summary>
public sealed class ChainQueueTests
{
    private static readonly ChainFollow AnyReport = new("report", Revision, Instance, WaitForAll: false, []);

    private static readonly ChainFollow AllReport = new("report", Revision, Instance, WaitForAll: true,
        [new ChainUpstream("a", ["succeeded"], 0), new ChainUpstream("b", ["succeeded"], 0)]);

    [Fact]
    public async Task An_end_queues_its_downstream_run_in_the_same_write_and_a_second_write_of_it_queues_nothing()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();
        await AddTasksAsync(store, "export", "report");
        var upstream = await ClaimAsync(store, "export", Slot);
        var end = new RunFinish(upstream, RunStatus.Succeeded, 0, "", 0, null, Slot.AddSeconds(5)) { Follows = [AnyReport] };

        var chained = new List<ChainedRun>();
        await store.Runs.FinishBatchAsync([end], TestTimeout.Token, chained);
        var again = new List<ChainedRun>();
        await store.Runs.FinishBatchAsync([end], TestTimeout.Token, again);

        var queued = Assert.Single(chained);
        Assert.Empty(again);
        Assert.Equal(("report", Slot.AddSeconds(5), $"{upstream}", upstream, "export", "succeeded"),
            (queued.TaskId, queued.SlotUtc, queued.UpstreamRunIds, queued.CauseRunId, queued.CauseTaskId, queued.CauseStatus));
        var row = await store.Runs.GetRunAsync(queued.RunId, TestTimeout.Token);
        Assert.Equal((RunTrigger.After, RunStatus.Queued), (row!.Trigger, row.Status));
        Assert.Equal([queued.RunId], (await store.Runs.ListQueuedChainedAsync(Slot.AddMinutes(1), TestTimeout.Token)).Select(r => r.RunId));
    }

    [Fact]
    public async Task Two_upstream_ends_in_the_same_millisecond_give_two_downstream_runs()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();
        await AddTasksAsync(store, "a", "b", "report");
        var a = await ClaimAsync(store, "a", Slot);
        var b = await ClaimAsync(store, "b", Slot);
        var chained = new List<ChainedRun>();

        await store.Runs.FinishBatchAsync(
        [
            new RunFinish(a, RunStatus.Succeeded, 0, "", 0, null, Slot.AddSeconds(1)) { Follows = [AnyReport] },
            new RunFinish(b, RunStatus.Succeeded, 0, "", 0, null, Slot.AddSeconds(1)) { Follows = [AnyReport] },
        ], TestTimeout.Token, chained);

        Assert.Equal([Slot.AddSeconds(1), Slot.AddSeconds(1).AddMilliseconds(1)], chained.Select(c => c.SlotUtc));
    }

    [Fact]
    public async Task A_chain_waiting_for_all_queues_once_each_upstream_has_succeeded_since_the_downstreams_last_run()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();
        await AddTasksAsync(store, "a", "b", "report");
        var chained = new List<ChainedRun>();

        await EndAsync(store, "a", Slot, RunStatus.Succeeded, AllReport, chained);
        Assert.Empty(chained); // b has not succeeded yet
        await EndAsync(store, "b", Slot, RunStatus.Failed, AllReport, chained, follows: false);
        Assert.Empty(chained); // a failure of b does not count
        var b = await EndAsync(store, "b", Slot.AddHours(1), RunStatus.Succeeded, AllReport, chained);
        var first = Assert.Single(chained);
        Assert.EndsWith($",{b}", first.UpstreamRunIds, StringComparison.Ordinal);

        // Since that run, only b has succeeded again: nothing more until a does too.
        chained.Clear();
        await EndAsync(store, "b", Slot.AddHours(2), RunStatus.Succeeded, AllReport, chained);
        Assert.Empty(chained);
        await EndAsync(store, "a", Slot.AddHours(3), RunStatus.Succeeded, AllReport, chained);
        Assert.Single(chained);
    }

    [Fact]
    public async Task A_queued_run_is_claimed_once_and_its_claim_moves_the_row_on()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();
        await AddTasksAsync(store, "export", "report");
        var chained = new List<ChainedRun>();
        await EndAsync(store, "export", Slot, RunStatus.Succeeded, AnyReport, chained);
        var queued = Assert.Single(chained);
        var claim = new SlotClaim("report", queued.SlotUtc, 1, RunTrigger.After, Revision, Slot.AddMinutes(1)) { QueuedRunId = queued.RunId };

        var first = await store.Runs.ClaimBatchAsync([claim], [], Instance, TestTimeout.Token);
        var second = await store.Runs.ClaimBatchAsync([claim], [], "other", TestTimeout.Token);

        Assert.Equal([queued.RunId], first);
        Assert.Equal([null], second);
        Assert.Equal(RunStatus.Running, (await store.Runs.GetRunAsync(queued.RunId, TestTimeout.Token))!.Status);
        Assert.Empty(await store.Runs.ListQueuedChainedAsync(Slot.AddHours(1), TestTimeout.Token));
    }

    [Fact]
    public async Task A_queued_run_of_a_task_retired_while_it_waited_is_no_longer_listed_and_the_sweep_ends_it_skipped_once()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();
        await AddTasksAsync(store, "export", "report", "audit");
        var chained = new List<ChainedRun>();
        await EndAsync(store, "export", Slot, RunStatus.Succeeded, AnyReport, chained);
        await EndAsync(store, "export", Slot.AddMinutes(1), RunStatus.Succeeded, AnyReport with { TaskId = "audit" }, chained);
        var (report, audit) = (chained[0].RunId, chained[1].RunId);

        Assert.True(await store.Runs.RetireAsync("report", Slot.AddMinutes(2), TestTimeout.Token));
        Assert.Equal([audit], (await store.Runs.ListQueuedChainedAsync(Slot.AddHours(1), TestTimeout.Token)).Select(r => r.RunId));
        var first = await store.Runs.SkipQueuedOfRetiredAsync(Slot.AddMinutes(3), TestTimeout.Token);
        var second = await store.Runs.SkipQueuedOfRetiredAsync(Slot.AddMinutes(4), TestTimeout.Token);

        Assert.Equal((1, 0), (first, second));
        var skipped = (await store.Runs.GetRunAsync(report, TestTimeout.Token))!;
        Assert.Equal((RunStatus.Skipped, Slot.AddMinutes(3), "task report was retired (its file was deleted) while this run waited"),
            (skipped.Status, skipped.FinishedAt, skipped.Error));
        Assert.Equal(RunStatus.Queued, (await store.Runs.GetRunAsync(audit, TestTimeout.Token))!.Status);
    }

    private static async Task AddTasksAsync(SchedulerStore store, params string[] ids)
    {
        foreach (var id in ids)
        {
            await store.AddTaskAsync(id);
        }
    }

    private static async Task<long> ClaimAsync(SchedulerStore store, string task, DateTimeOffset slot) =>
        (await store.Runs.TryClaimAsync(task, slot, 1, RunTrigger.Schedule, Revision, Instance, slot, TestTimeout.Token))!.Value;

    private static async Task<long> EndAsync(
        SchedulerStore store, string task, DateTimeOffset slot, RunStatus status, ChainFollow follow, List<ChainedRun> chained, bool follows = true)
    {
        var id = await ClaimAsync(store, task, slot);
        var end = new RunFinish(id, status, 0, "", 0, null, slot.AddSeconds(30)) { Follows = follows ? [follow] : [] };
        await store.Runs.FinishBatchAsync([end], TestTimeout.Token, chained);
        return id;
    }
}
