using Scheduler.Definitions.Runs;
using Scheduler.Engine.Planning;
using static Scheduler.Engine.Tests.TestTasks;

namespace Scheduler.Engine.Tests.Planning;

/// <summary>Catch-up and deadline decisions, as tables of literal instants (the planner has no clock).</summary>
public sealed class SlotPlannerTests
{
    private static readonly TimeSpan MissedAfter = TimeSpan.FromMinutes(1);

    private static SlotPlan Plan(string yaml, string? watermark, string now) =>
        SlotPlanner.Plan(Parse(yaml), watermark is null ? null : At(watermark), At(now), MissedAfter);

    [Fact]
    public void A_new_task_starts_from_now_and_owes_nothing_from_before()
    {
        var plan = Plan("schedule: \"0 * * * *\"\nshell: x", null, "2026-11-23T12:34:00Z");

        Assert.Empty(plan.Runs);
        Assert.Equal(At("2026-11-23T12:34:00Z"), plan.Watermark);
        Assert.Equal(At("2026-11-23T13:00:00Z"), plan.Next);
    }

    [Theory]
    // watermark just before the slot, the loop wakes on time or slightly late: the slot runs as scheduled.
    [InlineData("2026-11-23T12:59:59Z", "2026-11-23T13:00:00Z")]
    [InlineData("2026-11-23T12:00:00Z", "2026-11-23T13:00:00.250Z")]
    [InlineData("2026-11-23T12:00:00Z", "2026-11-23T13:00:59Z")]
    public void A_slot_reached_on_time_runs_as_a_schedule_run(string watermark, string now)
    {
        var plan = Plan("schedule: \"0 * * * *\"\ncatch-up: none\nshell: x", watermark, now);

        Assert.Equal([new PlannedRun(At("2026-11-23T13:00:00Z"), RunTrigger.Schedule)], plan.Runs);
        Assert.Equal(0, plan.Passed);
        Assert.Equal(At("2026-11-23T14:00:00Z"), plan.Next);
    }

    [Theory]
    // Down from 09:30 to 12:10 with an hourly task: 10:00, 11:00 and 12:00 were missed.
    [InlineData("none", 0, 3, "")]
    [InlineData("latest", 1, 2, "2026-11-23T12:00:00Z")]
    [InlineData("all", 3, 0, "2026-11-23T10:00:00Z,2026-11-23T11:00:00Z,2026-11-23T12:00:00Z")]
    public void Missed_slots_follow_the_catch_up_policy(string policy, int runs, int passed, string slots)
    {
        var plan = Plan($"schedule: \"0 * * * *\"\ncatch-up: {policy}\nshell: x", "2026-11-23T09:30:00Z", "2026-11-23T12:10:00Z");

        Assert.Equal(runs, plan.Runs.Count);
        Assert.All(plan.Runs, r => Assert.Equal(RunTrigger.CatchUp, r.Trigger));
        Assert.Equal(slots, string.Join(",", plan.Runs.Select(r => r.Slot.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(passed, plan.Passed);
        Assert.Equal(At("2026-11-23T12:10:00Z"), plan.Watermark);
        Assert.Equal(At("2026-11-23T13:00:00Z"), plan.Next);
    }

    [Fact]
    public void All_is_capped_by_max_catch_up_keeping_the_most_recent_slots()
    {
        var plan = Plan("schedule: \"*/10 * * * *\"\ncatch-up: all\nmax-catch-up: 2\nshell: x", "2026-11-23T09:55:00Z", "2026-11-23T10:45:00Z");

        Assert.Equal([At("2026-11-23T10:30:00Z"), At("2026-11-23T10:40:00Z")], plan.Runs.Select(r => r.Slot));
        Assert.Equal(3, plan.Passed);
        Assert.Contains("max-catch-up (2)", plan.PassedReason, StringComparison.Ordinal);
        Assert.Equal(PassedCause.MaxCatchUp, plan.FirstPassedCause);
    }

    [Fact]
    public void A_missed_slot_older_than_the_starting_deadline_is_passed_over()
    {
        // Down 00:00-05:00; the 02:30 backup is 2h30m late, beyond its 2h deadline.
        var plan = Plan("schedule: \"30 2 * * *\"\nstarting-deadline: 2h\nshell: x", "2026-11-23T00:00:00Z", "2026-11-23T05:00:00Z");

        Assert.Empty(plan.Runs);
        Assert.Equal(1, plan.Passed);
        Assert.Contains("starting-deadline (2h)", plan.PassedReason, StringComparison.Ordinal);
        Assert.Equal(PassedCause.StartingDeadline, plan.FirstPassedCause);
    }

    [Fact]
    public void A_missed_slot_within_the_starting_deadline_runs_as_catch_up()
    {
        var plan = Plan("schedule: \"30 2 * * *\"\nstarting-deadline: 6h\nshell: x", "2026-11-23T00:00:00Z", "2026-11-23T05:00:00Z");

        Assert.Equal([new PlannedRun(At("2026-11-23T02:30:00Z"), RunTrigger.CatchUp)], plan.Runs);
    }

    [Fact]
    public void With_latest_an_on_time_slot_makes_catch_up_of_older_ones_unnecessary()
    {
        // Suspended from 11:58 to 12:00:20: 11:59 was missed but 12:00 is on time, so only 12:00 runs.
        var plan = Plan("schedule: \"* * * * *\"\nshell: x", "2026-11-23T11:58:00Z", "2026-11-23T12:00:20Z");

        Assert.Equal([new PlannedRun(At("2026-11-23T12:00:00Z"), RunTrigger.Schedule)], plan.Runs);
        Assert.Equal(1, plan.Passed);
    }

    [Fact]
    public void A_loop_that_fell_two_slots_behind_runs_only_the_latest_under_catch_up_latest()
    {
        var plan = Plan("schedule: { every: 1s }\nshell: x", "2026-11-23T11:59:57.5Z", "2026-11-23T12:00:00.2Z");

        Assert.Equal([new PlannedRun(At("2026-11-23T12:00:00Z"), RunTrigger.Schedule)], plan.Runs);
        Assert.Equal(2, plan.Passed);
    }

    [Fact]
    public void A_year_of_missed_every_second_slots_is_planned_without_walking_them_all()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var plan = Plan("schedule: { every: 1s }\ncatch-up: latest\nshell: x", "2025-11-23T00:00:00Z", "2026-11-23T00:00:00Z");

        Assert.Equal([new PlannedRun(At("2026-11-23T00:00:00Z"), RunTrigger.Schedule)], plan.Runs);
        Assert.True(plan.Passed > 1000);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void A_manual_task_never_plans_a_run()
    {
        var plan = Plan("schedule: { manual: true }\nshell: x", "2026-11-23T00:00:00Z", "2026-11-23T05:00:00Z");

        Assert.Empty(plan.Runs);
        Assert.Null(plan.Next);
    }

    [Fact]
    public void The_berlin_fall_back_night_runs_a_fixed_time_job_once_and_an_interval_job_in_both_halves()
    {
        // 2026-10-25: 03:00 CEST (01:00Z) falls back to 02:00 CET; 02:00-03:00 local happens twice.
        var fixedTime = Plan("schedule: { cron: \"30 2 * * *\", timezone: Europe/Berlin }\ncatch-up: all\nshell: x", "2026-10-24T22:00:00Z", "2026-10-25T03:00:00Z");
        var interval = Plan("schedule: { cron: \"*/30 * * * *\", timezone: Europe/Berlin }\ncatch-up: all\nshell: x", "2026-10-24T23:45:00Z", "2026-10-25T01:45:00Z");

        Assert.Equal([At("2026-10-25T00:30:00Z")], fixedTime.Runs.Select(r => r.Slot));
        Assert.Equal(
            [At("2026-10-25T00:00:00Z"), At("2026-10-25T00:30:00Z"), At("2026-10-25T01:00:00Z"), At("2026-10-25T01:30:00Z")],
            interval.Runs.Select(r => r.Slot));
    }

    [Theory]
    // Consecutive slots passed over for one reason are one range: "first-last count cause", oldest first.
    [InlineData("catch-up: none", "2026-11-23T09:30:00Z", "2026-11-23T12:10:00Z", "10:00-12:00 3 Downtime")]
    [InlineData("catch-up: latest", "2026-11-23T09:30:00Z", "2026-11-23T12:10:00Z", "10:00-11:00 2 Downtime")]
    [InlineData("catch-up: latest", "2026-11-23T09:30:00Z", "2026-11-23T12:00:30Z", "10:00-11:00 2 Downtime")] // 12:00 on time
    [InlineData("catch-up: all\nmax-catch-up: 1", "2026-11-23T09:30:00Z", "2026-11-23T12:10:00Z", "10:00-11:00 2 MaxCatchUp")]
    [InlineData("catch-up: all\nstarting-deadline: 90m", "2026-11-23T09:30:00Z", "2026-11-23T12:10:00Z", "10:00-10:00 1 StartingDeadline")]
    [InlineData("catch-up: all\nmax-catch-up: 2\nstarting-deadline: 65m", "2026-11-23T08:30:00Z", "2026-11-23T12:10:00Z", "09:00-10:00 2 MaxCatchUp,11:00-11:00 1 StartingDeadline")]
    [InlineData("catch-up: latest\nstarting-deadline: 5m", "2026-11-23T09:30:00Z", "2026-11-23T12:10:00Z", "10:00-11:00 2 Downtime,12:00-12:00 1 StartingDeadline")]
    [InlineData("catch-up: all", "2026-11-23T09:30:00Z", "2026-11-23T12:10:00Z", "")]
    // The wall clock stepped back behind the watermark: nothing is due twice, and the next wake is in the future.
    [InlineData("catch-up: all", "2026-11-23T12:10:00Z", "2026-11-23T11:10:00Z", "")]
    public void Slots_passed_over_for_one_reason_share_one_range(string policy, string watermark, string now, string expected)
    {
        var plan = Plan($"schedule: \"0 * * * *\"\n{policy}\nshell: x", watermark, now);

        Assert.Equal(expected, string.Join(",", plan.PassedRanges.Select(r => $"{r.From.UtcDateTime:HH:mm}-{r.To.UtcDateTime:HH:mm} {r.Count} {r.Cause}")));
        Assert.Equal(plan.Passed, plan.PassedRanges.Sum(r => r.Count));
        Assert.Equal(plan.PassedRanges.Count == 0 ? null : plan.PassedRanges[0].Cause, plan.FirstPassedCause);
    }

    [Fact]
    public void A_clock_that_stepped_back_plans_no_slot_again_and_keeps_its_watermark()
    {
        var plan = Plan("schedule: \"0 * * * *\"\nshell: x", "2026-11-23T12:00:00Z", "2026-11-23T11:30:00Z");

        Assert.Empty(plan.Runs);
        Assert.Equal(At("2026-11-23T12:00:00Z"), plan.Watermark);
        Assert.True(plan.Next > At("2026-11-23T11:30:00Z"));
    }

    [Fact]
    public void A_week_of_downtime_of_an_every_minute_task_is_one_passed_range()
    {
        var plan = Plan("schedule: \"* * * * *\"\ncatch-up: latest\nshell: x", "2026-11-16T12:00:00Z", "2026-11-23T12:00:30Z");

        var range = Assert.Single(plan.PassedRanges);
        Assert.Equal((At("2026-11-16T12:01:00Z"), At("2026-11-23T11:59:00Z"), (7 * 24 * 60) - 1), (range.From, range.To, range.Count));
        Assert.Equal([new PlannedRun(At("2026-11-23T12:00:00Z"), RunTrigger.Schedule)], plan.Runs);
    }
}
