using Scheduler.Definitions.Runs;
using static Scheduler.Engine.Tests.TestTasks;

namespace Scheduler.Engine.Tests.Engine;

/// <summary>Applying definitions again (every reconcile does, with freshly parsed copies) while the engine keeps time.</summary>
public sealed class ReapplyTests
{
    private const string Hourly = "schedule: \"0 * * * *\"\ncatch-up: latest\nshell: x";

    [Theory]
    // seconds the clock moves from 11:59:30 before the reconcile reaches the loop, the slot that is owed, and why
    [InlineData(30, "2026-11-23T12:00:00Z", RunTrigger.Schedule)] // the rescan lands in the very iteration the 12:00 slot came due
    [InlineData(7200, "2026-11-23T13:00:00Z", RunTrigger.CatchUp)] // after a suspend, the rescan's timer beats the loop's
    public async Task Applying_unchanged_definitions_again_does_not_lose_a_due_slot(int seconds, string owed, RunTrigger trigger)
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.StartEngineAsync();
        await h.ApplyAsync("hourly", Hourly);

        using (h.Clock.Hold())
        {
            h.Clock.Advance(TimeSpan.FromSeconds(seconds));
            await h.ReapplyAsync(); // same text, parsed again: nothing changed
        }

        var runs = await h.WaitForRunsAsync(
            "hourly", r => r.Count(x => x.PassedCount is null) == 1 && r.All(x => x.Status is RunStatus.Succeeded or RunStatus.Skipped), $"the {owed} run");
        var run = Assert.Single(runs, r => r.PassedCount is null);
        Assert.Equal((At(owed), trigger), (run.SlotUtc, run.Trigger));
    }

    [Fact]
    public async Task A_task_enabled_again_owes_nothing_from_while_it_was_disabled()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.StartEngineAsync();
        await h.ApplyAsync("hourly", "enabled: false\n" + Hourly);
        h.Clock.Advance(TimeSpan.FromHours(2)); // 13:59:30: 12:00 and 13:00 passed while it was disabled

        await h.ApplyAsync("hourly", "enabled: true\n" + Hourly);
        await h.BarrierAsync();
        Assert.Empty(await h.RunsOfAsync("hourly"));

        h.Clock.Advance(TimeSpan.FromMinutes(1)); // 14:00:30
        var runs = await h.WaitForRunsAsync("hourly", r => r.Count == 1, "the 14:00 run");
        Assert.Equal((At("2026-11-23T14:00:00Z"), RunTrigger.Schedule), (runs[0].SlotUtc, runs[0].Trigger));
    }

    [Fact]
    public async Task A_changed_schedule_owes_nothing_from_before_the_change()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.StartEngineAsync();
        await h.ApplyAsync("report", "schedule: \"0 0 * * *\"\nshell: x"); // daily at midnight
        h.Clock.Advance(TimeSpan.FromHours(2)); // 13:59:30; nothing due for the old schedule

        await h.ApplyAsync("report", Hourly); // now hourly: 12:00 and 13:00 are before the change
        await h.BarrierAsync();
        Assert.Empty(await h.RunsOfAsync("report"));

        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var runs = await h.WaitForRunsAsync("report", r => r.Count == 1, "the 14:00 run");
        Assert.Equal((At("2026-11-23T14:00:00Z"), RunTrigger.Schedule), (runs[0].SlotUtc, runs[0].Trigger));
    }
}
