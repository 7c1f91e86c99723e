using Scheduler.Definitions.Runs;
using static Scheduler.Engine.Tests.TestTasks;

namespace Scheduler.Engine.Tests.Engine;

/// <summary>Retries with exponential backoff, each attempt its own run row, and the failure streak on the task.</summary>
public sealed class RetryTests
{
    private const string DailyNoonWithRetries = "schedule: \"0 12 * * *\"\nretry: { attempts: 2, backoff: 30s }\nshell: x";

    [Fact]
    public async Task A_failing_run_is_retried_after_the_backoff_then_twice_the_backoff_and_no_more()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.Handler.DefaultFate = Fate.Fail;
        await h.StartEngineAsync();
        await h.ApplyAsync("flaky", DailyNoonWithRetries);

        h.Clock.Advance(TimeSpan.FromSeconds(30)); // 12:00:00 attempt 1 fails
        await h.WaitForRunsAsync("flaky", r => r.Count == 1 && r[0].Status == RunStatus.Failed, "attempt 1 to fail");
        h.Clock.Advance(TimeSpan.FromSeconds(29)); // 12:00:29: not yet
        await h.BarrierAsync();
        Assert.Single(await h.RunsOfAsync("flaky"));

        h.Clock.Advance(TimeSpan.FromSeconds(1)); // 12:00:30 attempt 2 fails
        await h.WaitForRunsAsync("flaky", r => r.Count == 2 && r[1].Status == RunStatus.Failed, "attempt 2 to fail");
        h.Clock.Advance(TimeSpan.FromSeconds(59)); // 12:01:29: not yet
        await h.BarrierAsync();
        Assert.Equal(2, (await h.RunsOfAsync("flaky")).Count);

        h.Clock.Advance(TimeSpan.FromSeconds(1)); // 12:01:30 attempt 3 fails
        await h.WaitForRunsAsync("flaky", r => r.Count == 3 && r[2].Status == RunStatus.Failed, "attempt 3 to fail");
        h.Clock.Advance(TimeSpan.FromMinutes(10)); // an attempt 4 would come at 12:03:30
        await h.BarrierAsync();

        var runs = await h.RunsOfAsync("flaky");
        Assert.Equal(
            [
                (At("2026-11-23T12:00:00Z"), 1, RunTrigger.Schedule, At("2026-11-23T12:00:00Z")),
                (At("2026-11-23T12:00:00Z"), 2, RunTrigger.Retry, At("2026-11-23T12:00:30Z")),
                (At("2026-11-23T12:00:00Z"), 3, RunTrigger.Retry, At("2026-11-23T12:01:30Z")),
            ],
            runs.Select(r => (r.SlotUtc, r.Attempt, r.Trigger, r.StartedAt!.Value)));
        Assert.Equal([1, 2, 3], h.Handler.CallsOf("flaky").Select(c => c.Context.Attempt));
        Assert.All(h.Handler.CallsOf("flaky").Skip(1), c => Assert.Equal(RunTrigger.Retry, c.Context.Trigger));
    }

    [Fact]
    public async Task A_retry_that_succeeds_ends_the_retries()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.Handler.Script("flaky", Fate.Fail, Fate.Succeed);
        await h.StartEngineAsync();
        await h.ApplyAsync("flaky", DailyNoonWithRetries);

        h.Clock.Advance(TimeSpan.FromSeconds(30));
        await h.WaitForRunsAsync("flaky", r => r.Count == 1 && r[0].Status == RunStatus.Failed, "attempt 1 to fail");
        h.Clock.Advance(TimeSpan.FromSeconds(30));
        await h.WaitForRunsAsync("flaky", r => r.Count == 2 && r[1].Status == RunStatus.Succeeded, "attempt 2 to succeed");
        h.Clock.Advance(TimeSpan.FromMinutes(10));
        await h.BarrierAsync();

        Assert.Equal([(1, RunStatus.Failed), (2, RunStatus.Succeeded)], (await h.RunsOfAsync("flaky")).Select(r => (r.Attempt, r.Status)));
    }

    [Fact]
    public async Task The_failure_streak_counts_consecutive_failures_and_a_success_resets_it()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.Handler.Script("flaky", Fate.Fail, Fate.Fail, Fate.Succeed);
        await h.StartEngineAsync();
        await h.ApplyAsync("flaky", "schedule: \"* * * * *\"\nshell: x");

        h.Clock.Advance(TimeSpan.FromSeconds(30));
        var task = await h.WaitForTaskAsync("flaky", t => t.LastRunStatus == RunStatus.Failed, "the first failure");
        Assert.Equal(1, task.FailureStreak);

        await h.SettleAsync();
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        task = await h.WaitForTaskAsync("flaky", t => t.LastRunStatus == RunStatus.Failed && t.LastSlotUtc == At("2026-11-23T12:01:00Z"), "the second failure");
        Assert.Equal(2, task.FailureStreak);

        await h.SettleAsync();
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        task = await h.WaitForTaskAsync("flaky", t => t.LastRunStatus == RunStatus.Succeeded, "the success");
        Assert.Equal(0, task.FailureStreak);
    }

    [Fact]
    public async Task A_retry_that_comes_while_another_run_of_the_task_is_active_leaves_a_trace()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.Handler.Script("flaky", Fate.Fail, Fate.Block);
        await h.StartEngineAsync();

        // Attempt 1 of 12:00 fails; its retry is due at 12:01:30, while the 12:01 run is still going (overlap: forbid).
        await h.ApplyAsync("flaky", "schedule: \"* * * * *\"\nretry: { attempts: 1, backoff: 90s }\nshell: x");
        h.Clock.Advance(TimeSpan.FromSeconds(30));
        await h.WaitForRunsAsync("flaky", r => r.Count == 1 && r[0].Status == RunStatus.Failed, "attempt 1 to fail");
        await h.SettleAsync();
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        await h.WaitForCallsAsync("flaky", 2);
        h.Clock.Advance(TimeSpan.FromSeconds(30)); // 12:01:30
        await h.BarrierAsync();
        h.Handler.ReleaseAll();
        await h.WaitForRunsAsync("flaky", r => r.All(x => x.Status != RunStatus.Running), "the 12:01 run to end");
        h.Clock.Advance(TimeSpan.FromSeconds(20)); // 12:01:50: a retry postponed until the task is free has had its chance
        await h.BarrierAsync();

        // Skipped under forbid (recorded with the reason, as a skipped slot is) or postponed and run: either way not lost without a trace.
        var runs = await h.RunsOfAsync("flaky");
        Assert.Contains(runs, r => r.SlotUtc == At("2026-11-23T12:00:00Z") && r.Attempt == 2);
    }
}
