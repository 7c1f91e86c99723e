using Scheduler.Definitions.Runs;
using static Scheduler.Engine.Tests.TestTasks;

namespace Scheduler.Engine.Tests.Engine;

/// <summary>The wall clock stepping back or jumping forward (NTP, a resumed VM) while the engine runs: no slot twice, none lost, no stall.</summary>
public sealed class ClockStepTests
{
    [Fact]
    public async Task A_wall_clock_that_steps_back_runs_no_slot_twice_and_goes_on_at_the_next_new_slot()
    {
        await using var h = await EngineHarness.CreateAsync(); // 11:59:30
        await h.StartEngineAsync();
        await h.ApplyAsync("minutely", "schedule: \"* * * * *\"\nshell: x");
        h.Clock.Advance(TimeSpan.FromMinutes(1)); // 12:00:30
        await h.WaitForRunsAsync("minutely", r => r.Count == 1, "the 12:00 run");
        await h.SettleAsync();
        h.Clock.Advance(TimeSpan.FromMinutes(1)); // 12:01:30
        await h.WaitForRunsAsync("minutely", r => r.Count == 2, "the 12:01 run");
        await h.SettleAsync();

        // Back to 11:59:30: the wall clock passes 12:00 and 12:01 again; both already ran.
        h.Clock.StepBack(TimeSpan.FromMinutes(2));
        for (var i = 0; i < 2; i++)
        {
            h.Clock.Advance(TimeSpan.FromMinutes(1)); // 12:00:30, then 12:01:30 again
            await h.BarrierAsync();
            await h.SettleAsync();
        }

        Assert.Equal(2, (await h.RunsOfAsync("minutely")).Count);

        h.Clock.Advance(TimeSpan.FromMinutes(1)); // 12:02:30: a slot it never saw runs on time
        var runs = await h.WaitForRunsAsync("minutely", r => r.Count == 3, "the 12:02 run");
        Assert.Equal(
            [At("2026-11-23T12:00:00Z"), At("2026-11-23T12:01:00Z"), At("2026-11-23T12:02:00Z")],
            runs.Select(r => r.SlotUtc).Order());
        Assert.All(runs, r => Assert.Equal(RunTrigger.Schedule, r.Trigger));
    }

    [Fact]
    public async Task A_wall_clock_that_jumps_forward_accounts_for_each_slot_once_and_then_keeps_time()
    {
        await using var h = await EngineHarness.CreateAsync(); // 11:59:30
        await h.StartEngineAsync();
        await h.ApplyAsync("minutely", "schedule: \"* * * * *\"\ncatch-up: latest\nshell: x");
        h.Clock.Advance(TimeSpan.FromMinutes(1)); // 12:00:30
        await h.WaitForRunsAsync("minutely", r => r.Count == 1, "the 12:00 run");
        await h.SettleAsync();

        h.Clock.Advance(TimeSpan.FromMinutes(10)); // 12:10:30 in one step: 12:01-12:09 missed, 12:10 on time
        await h.WaitForRunsAsync("minutely", r => r.Count == 3, "the passed range and the 12:10 run");
        await h.SettleAsync();
        h.Clock.Advance(TimeSpan.FromMinutes(1)); // 12:11:30
        var rows = await h.WaitForRunsAsync("minutely", r => r.Count == 4, "the 12:11 run");

        var passed = Assert.Single(rows, r => r.PassedCount is not null);
        Assert.Equal((At("2026-11-23T12:01:00Z"), At("2026-11-23T12:09:00Z"), 9), (passed.SlotUtc, passed.PassedToUtc!.Value, passed.PassedCount!.Value));
        Assert.Equal(
            [At("2026-11-23T12:00:00Z"), At("2026-11-23T12:10:00Z"), At("2026-11-23T12:11:00Z")],
            rows.Where(r => r.PassedCount is null).Select(r => r.SlotUtc).Order());
    }
}
