using Scheduler.Definitions.Runs;
using static Scheduler.Engine.Tests.TestTasks;

namespace Scheduler.Engine.Tests.Engine;

/// <summary>A slot that comes while a run of the same task is active (forbid, allow, replace), and the global cap on running runs.</summary>
public sealed class OverlapTests
{
    private const string EveryMinute = "schedule: \"* * * * *\"\nshell: x";

    [Fact]
    public async Task Under_forbid_a_slot_that_comes_while_a_run_is_active_is_recorded_as_skipped_with_the_reason()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.Handler.DefaultFate = Fate.Block;
        await h.StartEngineAsync();
        await h.ApplyAsync("slow", EveryMinute); // overlap: forbid is the default

        h.Clock.Advance(TimeSpan.FromSeconds(30)); // 12:00
        var first = (await h.WaitForCallsAsync("slow", 1))[0];
        h.Clock.Advance(TimeSpan.FromMinutes(1)); // 12:01, the 12:00 run still going

        var runs = await h.WaitForRunsAsync("slow", r => r.Count == 2, "the 12:01 slot to be recorded");
        Assert.Equal((At("2026-11-23T12:00:00Z"), RunStatus.Running), (runs[0].SlotUtc, runs[0].Status));
        Assert.Equal((At("2026-11-23T12:01:00Z"), RunStatus.Skipped, RunTrigger.Schedule), (runs[1].SlotUtc, runs[1].Status, runs[1].Trigger));
        Assert.Contains("overlap: forbid", runs[1].Error, StringComparison.Ordinal);
        Assert.Contains($"run #{runs[0].Id}", runs[1].Error, StringComparison.Ordinal);
        Assert.Single(h.Handler.CallsOf("slow"));

        first.Release();
        await h.WaitForStatusAsync(runs[0].Id, RunStatus.Succeeded);
        await h.SettleAsync();
        h.Clock.Advance(TimeSpan.FromMinutes(1)); // 12:02: free again
        var later = await h.WaitForRunsAsync("slow", r => r.Count == 3, "the 12:02 run");
        Assert.Equal((At("2026-11-23T12:02:00Z"), RunStatus.Running), (later[2].SlotUtc, later[2].Status));
    }

    [Fact]
    public async Task Under_allow_two_runs_of_a_task_run_at_once()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.Handler.DefaultFate = Fate.Block;
        await h.StartEngineAsync();
        await h.ApplyAsync("slow", EveryMinute + "\noverlap: allow");

        h.Clock.Advance(TimeSpan.FromSeconds(30));
        await h.WaitForCallsAsync("slow", 1);
        h.Clock.Advance(TimeSpan.FromMinutes(1));

        var calls = await h.WaitForCallsAsync("slow", 2);
        var runs = await h.RunsOfAsync("slow");
        Assert.Equal([RunStatus.Running, RunStatus.Running], runs.Select(r => r.Status));
        Assert.Equal([At("2026-11-23T12:00:00Z"), At("2026-11-23T12:01:00Z")], calls.Select(c => c.Context.Slot));
        Assert.DoesNotContain(calls, c => c.StopRequested);
    }

    [Fact]
    public async Task Under_replace_the_active_run_is_cancelled_and_the_new_one_runs()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.Handler.DefaultFate = Fate.Block;
        await h.StartEngineAsync();
        await h.ApplyAsync("slow", EveryMinute + "\noverlap: replace");

        h.Clock.Advance(TimeSpan.FromSeconds(30));
        await h.WaitForCallsAsync("slow", 1);
        h.Clock.Advance(TimeSpan.FromMinutes(1));

        var calls = await h.WaitForCallsAsync("slow", 2);
        var runs = await h.RunsOfAsync("slow");
        var old = await h.WaitForStatusAsync(runs[0].Id, RunStatus.Cancelled);
        Assert.Contains("replaced", old.Error, StringComparison.Ordinal);
        Assert.True(calls[0].StopRequested);
        Assert.Equal((At("2026-11-23T12:01:00Z"), RunStatus.Running), (runs[1].SlotUtc, (await h.Runs.GetRunAsync(runs[1].Id, default))!.Status));
        Assert.False(calls[1].StopRequested);
    }

    [Fact]
    public async Task Under_the_global_cap_a_claimed_run_waits_for_a_free_place_before_its_handler_is_called()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.Handler.DefaultFate = Fate.Block;
        await h.StartEngineAsync(maxConcurrentRuns: 1);
        await h.ApplyAsync("first", EveryMinute);
        await h.ApplyAsync("second", EveryMinute);

        h.Clock.Advance(TimeSpan.FromSeconds(30)); // both due at 12:00
        var runs = await h.WaitForRunsAsync(null, r => r.Count == 2, "both 12:00 runs to be claimed");
        Assert.All(runs, r => Assert.Equal((At("2026-11-23T12:00:00Z"), RunStatus.Running), (r.SlotUtc, r.Status)));
        var started = await h.EventuallyAsync(() => Task.FromResult(h.Handler.Calls), c => c.Count >= 1, "one handler call", c => $"{c.Count}");
        await h.BarrierAsync();
        await StaysTrue.StaysTrueAsync(() => Task.FromResult(h.Handler.Calls.Count == 1), "only one run may execute under MaxConcurrentRuns = 1");

        started[0].Release();
        var calls = await h.EventuallyAsync(() => Task.FromResult(h.Handler.Calls), c => c.Count == 2, "the waiting run to start", c => $"{c.Count}");
        Assert.NotEqual(calls[0].Context.Task.Id, calls[1].Context.Task.Id);
        await h.WaitForStatusAsync(calls[0].Context.RunId, RunStatus.Succeeded);
        Assert.Equal(RunStatus.Running, (await h.Runs.GetRunAsync(calls[1].Context.RunId, default))!.Status);
    }

    [Fact]
    public async Task A_run_waiting_under_the_cap_can_be_cancelled_and_never_starts()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.Handler.DefaultFate = Fate.Block;
        await h.StartEngineAsync(maxConcurrentRuns: 1);
        await h.ApplyAsync("first", EveryMinute);
        await h.ApplyAsync("second", EveryMinute);

        h.Clock.Advance(TimeSpan.FromSeconds(30));
        var runs = await h.WaitForRunsAsync(null, r => r.Count == 2, "both 12:00 runs to be claimed");
        var executing = (await h.EventuallyAsync(() => Task.FromResult(h.Handler.Calls), c => c.Count >= 1, "one handler call", c => $"{c.Count}"))[0];
        var waiting = runs.Single(r => r.Id != executing.Context.RunId);

        var result = await h.Engine.CancelAsync(waiting.Id);

        Assert.Equal(Running.CancelOutcome.Stopping, result.Outcome);
        await h.WaitForStatusAsync(waiting.Id, RunStatus.Cancelled);
        executing.Release();
        await h.WaitForStatusAsync(executing.Context.RunId, RunStatus.Succeeded);
        await h.BarrierAsync();
        Assert.Single(h.Handler.Calls);
    }
}
