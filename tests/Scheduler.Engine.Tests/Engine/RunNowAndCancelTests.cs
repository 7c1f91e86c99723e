using Scheduler.Definitions.Runs;
using Scheduler.Engine.Running;
using static Scheduler.Engine.Tests.TestTasks;

namespace Scheduler.Engine.Tests.Engine;

/// <summary>"Run now" and "Cancel" from the page: what they start or stop, and why they refuse.</summary>
public sealed class RunNowAndCancelTests
{
    private const string Yearly = "schedule: \"0 0 1 1 *\"\nshell: x";

    [Fact]
    public async Task Run_now_starts_a_manual_run_whose_slot_is_the_moment_it_was_asked_for()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.StartEngineAsync();
        await h.ApplyAsync("report", Yearly);
        h.Clock.Advance(TimeSpan.FromMilliseconds(1234.5)); // 11:59:31.2345: the slot keeps the millisecond

        var result = await h.Engine.RunNowAsync("report");

        Assert.Equal(RunNowOutcome.Started, result.Outcome);
        var run = await h.WaitForStatusAsync(result.RunId!.Value, RunStatus.Succeeded);
        Assert.Equal((At("2026-11-23T11:59:31.234Z"), RunTrigger.Manual, 1), (run.SlotUtc, run.Trigger, run.Attempt));
        var call = h.Handler.CallFor(run.Id);
        Assert.Equal((run.SlotUtc, RunTrigger.Manual, 1), (call.Context.Slot, call.Context.Trigger, call.Context.Attempt));
    }

    [Fact]
    public async Task Run_now_under_forbid_while_a_run_is_active_is_refused_with_the_reason_and_records_nothing()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.Handler.DefaultFate = Fate.Block;
        await h.StartEngineAsync();
        await h.ApplyAsync("report", Yearly);
        var first = await h.Engine.RunNowAsync("report");
        await h.WaitForCallsAsync("report", 1);
        h.Clock.Advance(TimeSpan.FromSeconds(5));

        var second = await h.Engine.RunNowAsync("report");

        Assert.Equal((RunNowOutcome.Refused, (long?)null), (second.Outcome, second.RunId));
        Assert.Contains("overlap: forbid", second.Reason, StringComparison.Ordinal);
        Assert.Contains($"run #{first.RunId}", second.Reason, StringComparison.Ordinal);
        await h.BarrierAsync();
        Assert.Equal([first.RunId!.Value], (await h.RunsOfAsync("report")).Select(r => r.Id));
        Assert.Single(h.Handler.Calls);
    }

    [Fact]
    public async Task Run_now_of_an_unknown_task_is_not_found()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.StartEngineAsync();
        await h.ApplyAsync("report", Yearly);

        var result = await h.Engine.RunNowAsync("reports/nope");

        Assert.Equal(RunNowOutcome.NotFound, result.Outcome);
        Assert.Contains("reports/nope", result.Reason, StringComparison.Ordinal);
        Assert.Empty(await h.RunsOfAsync());
    }

    [Fact]
    public async Task A_disabled_task_never_fires_on_schedule_but_runs_on_request()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.StartEngineAsync();
        await h.ApplyAsync("paused", "enabled: false\nschedule: \"* * * * *\"\nshell: x");

        h.Clock.Advance(TimeSpan.FromSeconds(30));
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        await h.BarrierAsync();
        Assert.Empty(await h.RunsOfAsync("paused"));

        var result = await h.Engine.RunNowAsync("paused");

        Assert.Equal(RunNowOutcome.Started, result.Outcome);
        var run = await h.WaitForStatusAsync(result.RunId!.Value, RunStatus.Succeeded);
        Assert.Equal(RunTrigger.Manual, run.Trigger);
    }

    [Fact]
    public async Task Cancelling_a_running_run_stops_it_and_records_it_as_cancelled()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.Handler.DefaultFate = Fate.Block;
        await h.StartEngineAsync();
        await h.ApplyAsync("report", Yearly);
        var started = await h.Engine.RunNowAsync("report");
        var call = (await h.WaitForCallsAsync("report", 1))[0];

        var result = await h.Engine.CancelAsync(started.RunId!.Value);

        Assert.Equal(CancelOutcome.Stopping, result.Outcome);
        var run = await h.WaitForStatusAsync(started.RunId.Value, RunStatus.Cancelled);
        Assert.True(call.StopRequested);
        Assert.Contains("cancelled on request", run.Error, StringComparison.Ordinal);
        Assert.NotNull(run.FinishedAt);
    }

    [Fact]
    public async Task Cancelling_a_finished_run_is_refused_because_it_already_ended()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.StartEngineAsync();
        await h.ApplyAsync("report", Yearly);
        var started = await h.Engine.RunNowAsync("report");
        await h.WaitForStatusAsync(started.RunId!.Value, RunStatus.Succeeded);
        await h.BarrierAsync();

        var result = await h.Engine.CancelAsync(started.RunId.Value);

        Assert.Equal(CancelOutcome.Refused, result.Outcome);
        Assert.Contains("already ended (succeeded)", result.Reason, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Succeeded, (await h.Runs.GetRunAsync(started.RunId.Value, default))!.Status);
    }

    [Fact]
    public async Task Cancelling_an_unknown_run_is_not_found()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.StartEngineAsync();

        var result = await h.Engine.CancelAsync(424242);

        Assert.Equal(CancelOutcome.NotFound, result.Outcome);
        Assert.Contains("#424242", result.Reason, StringComparison.Ordinal);
    }
}
