using Scheduler.Definitions.Runs;
using Scheduler.Engine.Tests.Engine;

namespace Scheduler.Engine.Tests.Replicas;

/// <summary>
/// A real engine on a real SQLite file, presumed dead by another replica while its run goes on: at its next heartbeat it
/// finds itself fenced, stops the run without writing over the takeover, registers again and claims as before.
/// </summary>
public sealed class FencedEngineTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_engine_presumed_dead_stops_what_it_runs_and_rejoins_under_a_new_epoch()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.Handler.DefaultFate = Fate.Block;
        await h.StartEngineAsync("a", instanceLease: Lease);
        await h.ApplyAsync("long", "schedule: \"* * * * *\"\noverlap: allow\nshell: x");
        h.Clock.Advance(TimeSpan.FromSeconds(30)); // 12:00: the run starts and blocks
        var call = Assert.Single(await h.WaitForCallsAsync("long", 1));
        var run = Assert.Single(await h.RunsOfAsync("long"));
        var epoch = Assert.Single(await h.Runs.ListInstancesAsync(default), i => i.Name == "a").Epoch;

        // Replica b, whose clock says a has been silent past its lease, fences a and takes its run over.
        var b = await h.OpenSameStoreAsync();
        await b.Runs.StartInstanceAsync("b", "test", h.Now, default);
        var taken = await b.Runs.MarkInterruptedOfDeadInstancesAsync("b", Lease, h.Now + TimeSpan.FromMinutes(1), "a stopped heartbeating", default);
        Assert.Equal([run.Id], taken);

        // a's next heartbeat is refused: it stops the run and registers again under a new epoch.
        h.Clock.Advance(TimeSpan.FromSeconds(10));
        var rejoined = await h.EventuallyAsync(
            async () => Assert.Single(await h.Runs.ListInstancesAsync(default), i => i.Name == "a"),
            i => i.Epoch == epoch + 2 && i.FencedAt is null,
            "a to rejoin under a new epoch",
            i => $"epoch {i.Epoch}, fenced at {i.FencedAt}");
        await h.EventuallyAsync(() => Task.FromResult(call.StopRequested), stopped => stopped, "a to stop its run", s => $"stop requested: {s}");
        h.Clock.Advance(TimeSpan.FromSeconds(1)); // an end refused while a was still fenced is written again a second later
        await h.SettleAsync();

        // The takeover's verdict stands; a's own end of the run changed nothing. And a claims again: 12:01 runs on a.
        var after = await h.Runs.GetRunAsync(run.Id, default);
        Assert.Equal((RunStatus.Interrupted, "a stopped heartbeating"), (after!.Status, after.Error));
        Assert.Equal(rejoined.Epoch, h.Runs.EpochOf("a"));
        h.Handler.DefaultFate = Fate.Succeed;
        h.Clock.Advance(TimeSpan.FromSeconds(50)); // a owns "long" beside b: it claims 12:01 on time
        var runs = await h.WaitForRunsAsync("long", r => r.Count == 2 && r[1].Status == RunStatus.Succeeded, "the 12:01 slot to run on a");
        Assert.Equal(("a", At("2026-11-23T12:01:00Z")), (runs[1].Instance, runs[1].SlotUtc));
    }

    [Fact]
    public async Task An_engine_that_was_cut_off_itself_judges_no_other_replica_before_it_has_heartbeated_again()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.StartEngineAsync("a", instanceLease: Lease);
        var b = await h.OpenSameStoreAsync();
        await b.Runs.StartInstanceAsync("b", "test", h.Now, default);

        // Two leases pass without a heartbeat of a (a stall, or the database away for everyone): b looks as dead to a as
        // a looks to b. At its first heartbeat back, a fences nobody; at the next one, b has stayed silent: b is fenced.
        h.Clock.Advance(2 * Lease);
        var back = h.Now;
        await h.EventuallyAsync(
            async () => Assert.Single(await h.Runs.ListInstancesAsync(default), i => i.Name == "a").HeartbeatAt,
            beat => beat == back,
            "a to heartbeat again",
            beat => $"last heartbeat {beat:O}");
        Assert.Null(Assert.Single(await h.Runs.ListInstancesAsync(default), i => i.Name == "b").FencedAt);

        h.Clock.Advance(TimeSpan.FromSeconds(10));
        var fenced = await h.EventuallyAsync(
            async () => Assert.Single(await h.Runs.ListInstancesAsync(default), i => i.Name == "b"),
            i => i.FencedAt is not null,
            "a to fence b",
            i => $"b at epoch {i.Epoch}, heartbeat {i.HeartbeatAt:O}");
        Assert.Equal((2L, (DateTimeOffset?)h.Now), (fenced.Epoch, fenced.FencedAt));
    }

    private static DateTimeOffset At(string iso) => TestTasks.At(iso);
}
