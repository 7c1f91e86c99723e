using Scheduler.Definitions.Runs;
using Scheduler.State.Store;
using Scheduler.State.Tests.Support;
using static Scheduler.State.Tests.Support.Fixtures;

namespace Scheduler.State.Tests;

/// <summary>
/// Fencing on a real SQLite file shared by two stores, as two replicas share a database: the one that is presumed dead
/// and comes back finds its claims, ends and heartbeats refused, with nothing written, until it registers again.
/// </summary>
public sealed class FencingTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Each_start_of_an_instance_registers_a_new_epoch()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();

        var first = await store.Runs.StartInstanceAsync("host-a", "1.0", Slot, TestTimeout.Token);
        var second = await store.Runs.StartInstanceAsync("host-a", "1.0", Slot.AddMinutes(1), TestTimeout.Token);

        Assert.Equal((1L, 2L), (first, second));
        Assert.Equal(2L, store.Runs.EpochOf("host-a"));
        var row = Assert.Single(await store.Runs.ListInstancesAsync(TestTimeout.Token));
        Assert.Equal((2L, (DateTimeOffset?)null), (row.Epoch, row.FencedAt));
    }

    [Fact]
    public async Task A_replica_presumed_dead_has_its_late_claims_ends_and_heartbeats_refused_until_it_rejoins()
    {
        using var folder = new TempFolder();
        await using var a = await folder.OpenAsync();
        await using var b = await folder.OpenAsync();
        await a.Runs.StartInstanceAsync("host-a", "1.0", Slot, TestTimeout.Token);
        await b.Runs.StartInstanceAsync("host-b", "1.0", Slot, TestTimeout.Token);
        var claimed = (await a.Runs.TryClaimAsync("t1", Slot, 1, RunTrigger.Schedule, Revision, "host-a", Slot, TestTimeout.Token))!.Value;

        // host-a stalls past its lease: host-b fences it, then takes its run over.
        var later = Slot + Lease + TimeSpan.FromSeconds(1);
        await b.Runs.HeartbeatAsync("host-b", "1.0", later, TestTimeout.Token);
        var taken = await b.Runs.MarkInterruptedOfDeadInstancesAsync("host-b", Lease, later, "host-a stopped heartbeating", TestTimeout.Token);
        Assert.Equal([claimed], taken);

        // host-a comes back and goes on as if nothing happened: every write is refused, and nothing of it is stored.
        var lateClaim = await Assert.ThrowsAsync<InstanceFencedException>(
            () => a.Runs.TryClaimAsync("t2", Slot.AddSeconds(40), 1, RunTrigger.Schedule, Revision, "host-a", later, TestTimeout.Token));
        var lateEnd = await Assert.ThrowsAsync<InstanceFencedException>(() => a.Runs.FinishBatchAsync(
            [new RunFinish(claimed, RunStatus.Succeeded, 0, "done", 4, null, later) { Instance = "host-a" }], TestTimeout.Token));
        var lateBeat = await Assert.ThrowsAsync<InstanceFencedException>(() => a.Runs.HeartbeatAsync("host-a", "1.0", later, TestTimeout.Token));

        Assert.All([lateClaim, lateEnd, lateBeat], e => Assert.Equal(("host-a", 1L), (e.Instance, e.Epoch)));
        Assert.Contains("was fenced: another replica declared it dead", lateClaim.Message, StringComparison.Ordinal);
        Assert.Empty(await a.Runs.ListRunsAsync("t2", 10, null, TestTimeout.Token));
        var run = await a.Runs.GetRunAsync(claimed, TestTimeout.Token);
        Assert.Equal((RunStatus.Interrupted, "host-a stopped heartbeating"), (run!.Status, run.Error));
        var fenced = (await b.Runs.ListInstancesAsync(TestTimeout.Token)).Single(i => i.Name == "host-a");
        Assert.Equal((2L, (DateTimeOffset?)later, Slot), (fenced.Epoch, fenced.FencedAt, fenced.HeartbeatAt));

        // It rejoins as new: a new epoch, and its claims go through again.
        var rejoined = await a.Runs.StartInstanceAsync("host-a", "1.0", later, TestTimeout.Token);
        var again = await a.Runs.TryClaimAsync("t2", Slot.AddSeconds(40), 1, RunTrigger.Schedule, Revision, "host-a", later, TestTimeout.Token);

        Assert.Equal(3L, rejoined);
        Assert.NotNull(again);
        Assert.Null((await b.Runs.ListInstancesAsync(TestTimeout.Token)).Single(i => i.Name == "host-a").FencedAt);
    }

    [Fact]
    public async Task Only_silent_instances_are_fenced_and_each_only_once()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();
        await store.Runs.StartInstanceAsync("host-silent", "1.0", Slot, TestTimeout.Token);
        await store.Runs.StartInstanceAsync("host-alive", "1.0", Slot, TestTimeout.Token);
        await store.Runs.StartInstanceAsync("host-me", "1.0", Slot, TestTimeout.Token);
        var now = Slot + Lease + TimeSpan.FromSeconds(5);
        await store.Runs.HeartbeatAsync("host-alive", "1.0", now - TimeSpan.FromSeconds(10), TestTimeout.Token);

        var first = await store.Runs.FenceDeadInstancesAsync("host-me", Lease, now, TestTimeout.Token);
        var second = await store.Runs.FenceDeadInstancesAsync("host-me", Lease, now + Lease, TestTimeout.Token);

        Assert.Equal(["host-silent"], first);
        Assert.Equal(["host-alive"], second); // silent by then too; host-silent is not fenced twice
        var epochs = (await store.Runs.ListInstancesAsync(TestTimeout.Token)).ToDictionary(i => i.Name, i => i.Epoch);
        Assert.Equal(new Dictionary<string, long> { ["host-alive"] = 2, ["host-me"] = 1, ["host-silent"] = 2 }, epochs);
    }

    [Fact]
    public async Task Writes_of_an_instance_that_never_registered_here_are_not_fenced()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();

        var id = await store.Runs.TryClaimAsync("t1", Slot, 1, RunTrigger.Schedule, Revision, "a-tool", Slot, TestTimeout.Token);
        var ended = await store.Runs.FinishBatchAsync([new RunFinish(id!.Value, RunStatus.Succeeded, 0, "", 0, null, Slot) { Instance = "a-tool" }], TestTimeout.Token);

        Assert.Equal([true], ended);
        Assert.Null(store.Runs.EpochOf("a-tool"));
    }
}
