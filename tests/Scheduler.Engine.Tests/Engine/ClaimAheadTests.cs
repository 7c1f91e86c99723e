using Scheduler.Definitions.Runs;
using static Scheduler.Engine.Tests.TestTasks;

namespace Scheduler.Engine.Tests.Engine;

/// <summary>
/// A run claimed ahead of its slot (EngineOptions.ClaimAhead, 500 ms by default): its row is written before the slot,
/// its handler starts at the slot, and a stop or a crash in between still leaves exactly one row for the slot.
/// </summary>
public sealed class ClaimAheadTests
{
    private static readonly DateTimeOffset Noon = At("2026-11-23T12:00:00Z");

    [Fact]
    public async Task A_stop_between_the_claim_ahead_and_the_slot_records_the_run_interrupted_and_never_starts_it()
    {
        await using var h = await EngineHarness.CreateAsync();
        var engine = await h.StartEngineAsync();
        await h.ApplyAsync("tick", "schedule: \"* * * * *\"\nshell: x");
        h.Clock.Advance(TimeSpan.FromSeconds(29.7)); // 11:59:59.7
        await h.WaitForRunsAsync("tick", r => r.Count == 1, "the 12:00 run to be claimed ahead");

        await h.StopEngineAsync(engine);
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        await h.StartEngineAsync();
        await h.SettleAsync();

        var run = Assert.Single(await h.RunsOfAsync("tick"));
        Assert.Equal((Noon, RunStatus.Interrupted), (run.SlotUtc, run.Status));
        Assert.Contains("shut down", run.Error, StringComparison.Ordinal);
        Assert.Empty(h.Handler.CallsOf("tick"));
    }

    [Fact]
    public async Task A_crash_between_the_claim_ahead_and_the_slot_leaves_one_interrupted_row_for_the_slot_and_the_restart_does_not_run_it_again()
    {
        await using var h = await EngineHarness.CreateAsync();
        var previousLife = await h.StartEngineAsync();
        await h.ApplyAsync("tick", "schedule: \"* * * * *\"\nshell: x");
        h.Clock.Advance(TimeSpan.FromSeconds(29.7));
        var claimed = Assert.Single(await h.WaitForRunsAsync("tick", r => r.Count == 1, "the 12:00 run to be claimed ahead"));

        // The restarted process (same instance name, its own connection) finds the row its previous life left running.
        await h.StartEngineAsync("a", store: await h.OpenSameStoreAsync());
        var interrupted = await h.WaitForStatusAsync(claimed.Id, RunStatus.Interrupted);

        // The previous life is gone, as after a crash: registering again fenced it, so its last words change no row.
        await h.StopEngineAsync(previousLife);
        h.Clock.Advance(TimeSpan.FromSeconds(0.3)); // the slot comes: the restarted engine owes nothing for it
        await h.SettleAsync();

        var run = Assert.Single(await h.RunsOfAsync("tick"));
        Assert.Equal((claimed.Id, Noon, RunStatus.Interrupted), (run.Id, run.SlotUtc, run.Status));
        Assert.Contains("stopped", interrupted.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_whose_run_is_still_going_is_decided_at_its_slot_so_a_run_that_ends_just_before_it_does_not_cost_the_slot()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.Handler.DefaultFate = Fate.Block;
        await h.StartEngineAsync();
        await h.ApplyAsync("tick", "schedule: \"* * * * *\"\nshell: x");
        h.Clock.Advance(TimeSpan.FromSeconds(30));
        var first = (await h.WaitForCallsAsync("tick", 1))[0];

        h.Clock.Advance(TimeSpan.FromSeconds(59.7)); // 12:00:59.7: the 12:00 run still goes, so 12:01 is not claimed ahead
        await h.BarrierAsync();
        Assert.Single(await h.RunsOfAsync("tick"));
        first.Release();
        await h.SettleAsync();

        h.Clock.Advance(TimeSpan.FromSeconds(0.3));
        var calls = await h.WaitForCallsAsync("tick", 2);
        calls[1].Release();
        var runs = await h.WaitForRunsAsync("tick", r => r.Count == 2 && r.All(x => x.Status == RunStatus.Succeeded), "both runs to succeed");
        Assert.Equal([Noon, Noon.AddMinutes(1)], runs.Select(r => r.SlotUtc));
    }
}
