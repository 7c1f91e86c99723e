using Scheduler.Definitions.Runs;
using static Scheduler.Engine.Tests.TestTasks;

namespace Scheduler.Engine.Tests.Engine;

/// <summary>
/// A catch-up backlog under the default overlap: forbid, with on-time slots coming while it runs: every slot ends as
/// exactly one row (the race that once lost the third slot of a 20-slot backlog, and skipped the on-time slot).
/// </summary>
public sealed class BacklogTests
{
    private const string EveryMinute = "schedule: \"* * * * *\"\ncatch-up: all\nmax-catch-up: 20\nshell: x";

    [Fact]
    public async Task A_catch_up_backlog_runs_oldest_first_and_the_on_time_slot_waits_behind_it_with_nothing_lost()
    {
        await using var h = await EngineHarness.CreateAsync();
        var first = await h.StartEngineAsync();
        await h.ApplyAsync("minutely", EveryMinute);
        await h.StopEngineAsync(first);
        h.Clock.Advance(TimeSpan.FromMinutes(61)); // 13:00:30: 12:00-12:59 missed, 13:00 on time
        h.Handler.Script("minutely", Fate.Block); // the first catch-up run holds the backlog up
        await h.StartEngineAsync();

        var blocked = (await h.WaitForCallsAsync("minutely", 1))[0];
        h.Clock.Advance(TimeSpan.FromMinutes(1)); // 13:01:30: 13:01 comes while 13:00 already waits
        await h.BarrierAsync();
        Assert.DoesNotContain(await h.RunsOfAsync("minutely"), r => r.SlotUtc > At("2026-11-23T12:40:00Z")); // rows are written in slot order
        blocked.Release();
        var runs = await h.WaitForRunsAsync(
            "minutely", r => r.Count == 23 && r.All(x => x.Status is RunStatus.Succeeded or RunStatus.Skipped), "the backlog and the on-time slot");

        var passed = Assert.Single(runs, r => r.PassedCount is not null);
        Assert.Equal((At("2026-11-23T12:00:00Z"), At("2026-11-23T12:39:00Z"), 40), (passed.SlotUtc, passed.PassedToUtc!.Value, passed.PassedCount!.Value));
        var ran = runs.Where(r => r.Status == RunStatus.Succeeded).ToList();
        Assert.Equal(Enumerable.Range(40, 21).Select(m => At("2026-11-23T12:00:00Z").AddMinutes(m)), ran.Select(r => r.SlotUtc)); // 12:40-13:00
        Assert.Equal(ran.Select(r => r.SlotUtc).Order(), ran.OrderBy(r => r.Id).Select(r => r.SlotUtc)); // claimed oldest first
        Assert.All(ran.Take(20), r => Assert.Equal(RunTrigger.CatchUp, r.Trigger));
        Assert.Equal(RunTrigger.Schedule, ran[^1].Trigger);
        var skipped = Assert.Single(runs, r => r.Status == RunStatus.Skipped && r.PassedCount is null);
        Assert.Equal(At("2026-11-23T13:01:00Z"), skipped.SlotUtc);
        Assert.Contains("13:00:00Z is already waiting", skipped.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_crash_in_the_middle_of_a_backlog_leaves_the_slots_not_yet_claimed_to_the_catch_up_policy()
    {
        await using var h = await EngineHarness.CreateAsync();
        var first = await h.StartEngineAsync();
        await h.ApplyAsync("minutely", EveryMinute);
        await h.StopEngineAsync(first);
        h.Clock.Advance(TimeSpan.FromMinutes(5)); // 12:04:30: 12:00-12:03 missed, 12:04 on time
        h.Handler.DefaultFate = Fate.Block;
        var second = await h.StartEngineAsync();
        await h.WaitForCallsAsync("minutely", 1); // 12:00 runs; 12:01-12:04 wait in memory

        var task = await h.Runs.GetTaskAsync("minutely", default);
        Assert.InRange(task!.LastSlotUtc!.Value, At("2026-11-23T12:00:00Z"), At("2026-11-23T12:00:59.999Z")); // not past the slots still waiting
        await h.StopEngineAsync(second);
        h.Handler.DefaultFate = Fate.Succeed;
        h.Handler.ReleaseAll();
        await h.StartEngineAsync(); // the next life finds 12:01-12:04 owed and catches them up

        var runs = await h.WaitForRunsAsync("minutely", r => r.Count == 5 && r.All(x => x.Status != RunStatus.Running), "every slot to have its row");
        Assert.Equal(Enumerable.Range(0, 5).Select(m => At("2026-11-23T12:00:00Z").AddMinutes(m)), runs.Select(r => r.SlotUtc));
        Assert.Equal(RunStatus.Interrupted, runs[0].Status);
    }
}
