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

    private static DateTimeOffset At(string iso) => TestTasks.At(iso);
}
