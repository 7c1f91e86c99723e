using Scheduler.Definitions.Runs;
using static Scheduler.Engine.Tests.TestTasks;

namespace Scheduler.Engine.Tests.Engine;

/// <summary>The loop fires every slot once, at its time, with the right run context; a jump of the clock is catch-up.</summary>
public sealed class SlotFiringTests
{
    [Theory]
    // The clock starts at 11:59:30Z and moves by the given steps (seconds); each step reaches exactly one slot.
    [InlineData("{ every: 10s }", "10,10,10", "2026-11-23T11:59:40Z,2026-11-23T11:59:50Z,2026-11-23T12:00:00Z")]
    [InlineData("\"* * * * *\"", "30,60,60", "2026-11-23T12:00:00Z,2026-11-23T12:01:00Z,2026-11-23T12:02:00Z")]
    [InlineData("\"*/20 * * * * *\"", "10,20,20", "2026-11-23T11:59:40Z,2026-11-23T12:00:00Z,2026-11-23T12:00:20Z")]
    public async Task Each_slot_fires_once_at_its_time_as_a_schedule_run(string schedule, string steps, string expectedSlots)
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.StartEngineAsync();
        await h.ApplyAsync("tick", $"schedule: {schedule}\nshell: x");
        var slots = expectedSlots.Split(',').Select(At).ToList();

        foreach (var (step, fired) in steps.Split(',').Select((s, i) => (TimeSpan.FromSeconds(int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)), i + 1)))
        {
            await h.SettleAsync();
            h.Clock.Advance(step);
            await h.WaitForRunsAsync("tick", r => r.Count == fired && r.All(x => x.Status == RunStatus.Succeeded), $"run {fired} to finish");
        }

        await h.BarrierAsync();
        var runs = await h.RunsOfAsync("tick");
        Assert.Equal(slots, runs.Select(r => r.SlotUtc));
        Assert.All(runs, r => Assert.Equal((RunTrigger.Schedule, 1, "a", "rev1"), (r.Trigger, r.Attempt, r.Instance, r.Revision)));
        Assert.Equal(slots, runs.Select(r => r.StartedAt!.Value)); // started when the slot came, not later

        var calls = h.Handler.CallsOf("tick");
        Assert.Equal(
            runs.Select(r => (r.Id, r.SlotUtc, 1, RunTrigger.Schedule)),
            calls.Select(c => (c.Context.RunId, c.Context.Slot, c.Context.Attempt, c.Context.Trigger)));
    }

    [Fact]
    public async Task A_slot_does_not_fire_before_its_time_though_its_run_is_claimed_ahead_of_it()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.StartEngineAsync();
        await h.ApplyAsync("tick", "schedule: \"* * * * *\"\nshell: x");

        h.Clock.Advance(TimeSpan.FromSeconds(29.999)); // 11:59:59.999, within the claim-ahead time of the 12:00 slot
        await h.BarrierAsync();
        var claimed = Assert.Single(await h.RunsOfAsync("tick"));
        Assert.Equal((RunStatus.Running, At("2026-11-23T12:00:00Z"), At("2026-11-23T12:00:00Z")), (claimed.Status, claimed.SlotUtc, claimed.StartedAt!.Value));
        Assert.Empty(h.Handler.CallsOf("tick"));

        h.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var runs = await h.WaitForRunsAsync("tick", r => r.Count == 1 && r[0].Status == RunStatus.Succeeded, "the 12:00 run");
        Assert.Equal(claimed.Id, runs[0].Id);
        Assert.Equal(At("2026-11-23T12:00:00Z"), Assert.Single(h.Handler.CallsOf("tick")).Context.Slot);
    }

    [Fact]
    public async Task A_jump_of_the_clock_while_running_follows_the_catch_up_policy()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.StartEngineAsync();
        await h.ApplyAsync("hourly", "schedule: \"0 * * * *\"\ncatch-up: latest\nshell: x");

        // 11:59:30 -> 13:59:30 in one step (a suspended laptop, an NTP correction): 12:00 and 13:00 were missed.
        h.Clock.Advance(TimeSpan.FromHours(2));

        var runs = await h.WaitForRunsAsync("hourly", r => r.Count >= 2 && r.All(x => x.Status != RunStatus.Running), "the catch-up run");
        await h.BarrierAsync();
        runs = await h.RunsOfAsync("hourly");
        var passed = Assert.Single(runs, r => r.PassedCount is not null); // 12:00, recorded as passed over
        Assert.Equal((At("2026-11-23T12:00:00Z"), At("2026-11-23T12:00:00Z"), 1, RunStatus.Skipped), (passed.SlotUtc, passed.PassedToUtc, passed.PassedCount, passed.Status));
        var run = Assert.Single(runs, r => r.PassedCount is null);
        Assert.Equal((At("2026-11-23T13:00:00Z"), RunTrigger.CatchUp), (run.SlotUtc, run.Trigger));

        await h.SettleAsync();
        h.Clock.Advance(TimeSpan.FromMinutes(1)); // 14:00:30: back on time
        runs = await h.WaitForRunsAsync("hourly", r => r.Count == 3, "the 14:00 run");
        Assert.Equal((At("2026-11-23T14:00:00Z"), RunTrigger.Schedule), (runs[2].SlotUtc, runs[2].Trigger));
    }

    [Theory]
    // Europe/Berlin falls back on 2026-10-25: 03:00 CEST (01:00Z) becomes 02:00 CET, so 02:00-02:59 local happens twice.
    //   UTC    23:00  23:30  00:00  00:30  01:00  01:30  02:00
    //   local  01:00  01:30  02:00  02:30  02:00  02:30  03:00
    //                        (CEST ------)  (CET -------)
    // A fixed-time job at 02:30 runs once (the first 02:30); a */30 job fires in both halves of the repeated hour.
    [InlineData("30 2 * * *", "2026-10-25T00:30:00Z")]
    [InlineData("*/30 * * * *", "2026-10-24T23:30:00Z,2026-10-25T00:00:00Z,2026-10-25T00:30:00Z,2026-10-25T01:00:00Z,2026-10-25T01:30:00Z,2026-10-25T02:00:00Z")]
    public async Task The_fall_back_night_in_Berlin_fires_as_cron_does(string cron, string expectedSlots)
    {
        await using var h = await EngineHarness.CreateAsync(At("2026-10-24T23:00:00Z"));
        await h.StartEngineAsync();
        await h.ApplyAsync("dst", $"schedule: {{ cron: \"{cron}\", timezone: Europe/Berlin }}\nshell: x");

        for (var at = At("2026-10-24T23:15:00Z"); at <= At("2026-10-25T02:00:00Z"); at += TimeSpan.FromMinutes(15))
        {
            await h.SettleAsync();
            h.Clock.Advance(TimeSpan.FromMinutes(15));
            var expected = expectedSlots.Split(',').Select(At).Count(s => s <= at);
            await h.WaitForRunsAsync("dst", r => r.Count == expected && r.All(x => x.Status == RunStatus.Succeeded), $"{expected} run(s) by {RunText.Format(at)}");
        }

        await h.BarrierAsync();
        var runs = await h.RunsOfAsync("dst");
        Assert.Equal(expectedSlots.Split(',').Select(At), runs.Select(r => r.SlotUtc));
        Assert.All(runs, r => Assert.Equal(RunTrigger.Schedule, r.Trigger));
    }
}
