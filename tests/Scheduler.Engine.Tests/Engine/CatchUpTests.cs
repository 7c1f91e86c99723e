using Scheduler.Definitions.Runs;
using static Scheduler.Engine.Tests.TestTasks;

namespace Scheduler.Engine.Tests.Engine;

/// <summary>Slots missed while no engine ran: a new engine on the same store follows each task's catch-up policy.</summary>
public sealed class CatchUpTests
{
    private const string Hourly = "schedule: \"0 * * * *\"\nshell: x";

    /// <summary>Applies the task at 11:59:30, stops the engine, and starts a new one on the same store at 15:59:30.</summary>
    private static async Task<EngineHarness> DownFromNoonToFourAsync(string yaml)
    {
        var h = await EngineHarness.CreateAsync();
        var first = await h.StartEngineAsync();
        await h.ApplyAsync("hourly", yaml);
        await h.StopEngineAsync(first);
        h.Clock.Advance(TimeSpan.FromHours(4)); // 12:00, 13:00, 14:00 and 15:00 pass while nothing runs
        await h.StartEngineAsync();
        return h;
    }

    [Theory]
    // overlap: allow, so that only the catch-up policy decides (forbid is covered below). The slots not run are
    // recorded as passed-over ranges, "first-last count", one row per reason.
    [InlineData("catch-up: none", "", "12:00-15:00 4")]
    [InlineData("catch-up: latest", "15:00", "12:00-14:00 3")]
    [InlineData("catch-up: all", "12:00,13:00,14:00,15:00", "")]
    [InlineData("catch-up: all\nmax-catch-up: 2", "14:00,15:00", "12:00-13:00 2")]
    [InlineData("catch-up: all\nstarting-deadline: 3h", "13:00,14:00,15:00", "12:00-12:00 1")] // 12:00 is 3h59m30s late at 15:59:30
    [InlineData("catch-up: latest\nstarting-deadline: 30m", "", "12:00-14:00 3,15:00-15:00 1")] // 15:00 is 59m30s late
    public async Task Missed_slots_run_at_start_up_as_the_catch_up_policy_says(string policy, string expectedSlots, string expectedPassed)
    {
        await using var h = await DownFromNoonToFourAsync($"{Hourly}\noverlap: allow\n{policy}");
        var expected = expectedSlots.Length == 0 ? [] : expectedSlots.Split(',').Select(t => At($"2026-11-23T{t}:00Z")).ToList();

        await h.WaitForRunsAsync(
            "hourly", r => r.Count(x => x.PassedCount is null) == expected.Count && r.All(x => x.Status is RunStatus.Succeeded or RunStatus.Skipped), $"{expected.Count} catch-up run(s)");
        await h.BarrierAsync();

        var all = await h.RunsOfAsync("hourly");
        var passed = all.Where(r => r.PassedCount is not null).ToList();
        Assert.Equal(expectedPassed, string.Join(",", passed.Select(r => $"{r.SlotUtc.UtcDateTime:HH:mm}-{r.PassedToUtc!.Value.UtcDateTime:HH:mm} {r.PassedCount}")));
        Assert.All(passed, r => Assert.Equal(RunStatus.Skipped, r.Status));
        Assert.Equal(4, expected.Count + passed.Sum(r => r.PassedCount)); // every missed slot is accounted for
        var runs = all.Where(r => r.PassedCount is null).ToList();
        Assert.Equal(expected, runs.Select(r => r.SlotUtc)); // oldest first
        Assert.All(runs, r => Assert.Equal((RunTrigger.CatchUp, 1), (r.Trigger, r.Attempt)));
        var task = await h.Runs.GetTaskAsync("hourly", default);
        Assert.Equal(At("2026-11-23T15:59:30Z"), task!.LastSlotUtc); // every missed slot is handled, run or passed

        await h.SettleAsync();
        h.Clock.Advance(TimeSpan.FromMinutes(1)); // 16:00:30: the schedule goes on as usual
        var later = await h.WaitForRunsAsync("hourly", r => r.Count == all.Count + 1, "the 16:00 run");
        Assert.Equal((At("2026-11-23T16:00:00Z"), RunTrigger.Schedule), (later[^1].SlotUtc, later[^1].Trigger));
    }

    [Fact]
    public async Task Catch_up_all_under_the_default_forbid_runs_every_missed_slot_one_after_another()
    {
        // The default overlap is forbid. Catch-up runs are not slots "coming while a run is active": they are owed,
        // and all of them are due at once; they should run oldest first, each after the previous one ended.
        await using var h = await DownFromNoonToFourAsync($"{Hourly}\ncatch-up: all");

        await h.WaitForRunsAsync("hourly", r => r.Count >= 4 && r.All(x => x.Status != RunStatus.Running), "the catch-up runs");
        await h.BarrierAsync();
        h.Clock.Advance(TimeSpan.FromSeconds(1)); // a backlog kept until the previous run ended gets its chance
        await h.BarrierAsync();

        var runs = await h.RunsOfAsync("hourly");
        Assert.Equal(
            [At("2026-11-23T12:00:00Z"), At("2026-11-23T13:00:00Z"), At("2026-11-23T14:00:00Z"), At("2026-11-23T15:00:00Z")],
            runs.Where(r => r.Status != RunStatus.Skipped).Select(r => r.SlotUtc));
    }
}
