using Scheduler.Definitions.Runs;
using static Scheduler.Engine.Tests.TestTasks;

namespace Scheduler.Engine.Tests.Engine;

/// <summary>Start-up recovery, graceful shutdown, and two engines sharing one store.</summary>
public sealed class RestartTests
{
    [Theory]
    // instance that left the run, its last heartbeat (seconds before start-up; -1: never registered), what start-up makes of the run
    [InlineData("a", -1, RunStatus.Interrupted)] // our own leftover: we are starting, so we are not running it
    [InlineData("b", 31, RunStatus.Interrupted)] // the lease is 30s: b is dead
    [InlineData("b", -1, RunStatus.Interrupted)]
    [InlineData("b", 5, RunStatus.Running)] // b is alive and still running it
    public async Task A_run_left_running_is_interrupted_at_start_up_unless_a_live_instance_holds_it(string instance, int heartbeatSecondsAgo, RunStatus expected)
    {
        await using var h = await EngineHarness.CreateAsync();
        if (heartbeatSecondsAgo >= 0)
        {
            await h.Runs.HeartbeatAsync(instance, "test", h.Now - TimeSpan.FromSeconds(heartbeatSecondsAgo), default);
        }

        var left = await h.Runs.TryClaimAsync("backup", At("2026-11-23T11:00:00Z"), 1, RunTrigger.Schedule, "rev1", instance, At("2026-11-23T11:00:00Z"), default);

        await h.StartEngineAsync("a"); // returns once start-up recovery is done

        var run = await h.Runs.GetRunAsync(left!.Value, default);
        Assert.Equal(expected, run!.Status);
        if (expected == RunStatus.Interrupted)
        {
            Assert.Equal(h.Now, run.FinishedAt);
            Assert.Contains("stopped", run.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_retry_owed_by_a_previous_life_runs_after_a_restart()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.Handler.Script("flaky", Fate.Fail);
        var first = await h.StartEngineAsync();
        await h.ApplyAsync("flaky", "schedule: \"0 12 * * *\"\nretry: { attempts: 1, backoff: 30s }\nshell: x");
        h.Clock.Advance(TimeSpan.FromSeconds(30)); // 12:00 fails; the retry is due at 12:00:30
        await h.WaitForRunsAsync("flaky", r => r.Count == 1 && r[0].Status == RunStatus.Failed, "attempt 1 to fail");
        await h.StopEngineAsync(first);

        h.Clock.Advance(TimeSpan.FromSeconds(10));
        await h.StartEngineAsync();
        h.Clock.Advance(TimeSpan.FromSeconds(20));

        var runs = await h.WaitForRunsAsync("flaky", r => r.Count == 2 && r[1].Status == RunStatus.Succeeded, "the owed retry");
        Assert.Equal((At("2026-11-23T12:00:00Z"), 2, RunTrigger.Retry, At("2026-11-23T12:00:30Z")), (runs[1].SlotUtc, runs[1].Attempt, runs[1].Trigger, runs[1].StartedAt!.Value));
    }

    [Fact]
    public async Task Stopping_the_engine_stops_a_running_run_and_records_it_as_interrupted()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.Handler.DefaultFate = Fate.Block;
        var engine = await h.StartEngineAsync();
        await h.ApplyAsync("slow", "schedule: \"* * * * *\"\nshell: x");
        h.Clock.Advance(TimeSpan.FromSeconds(30));
        var call = (await h.WaitForCallsAsync("slow", 1))[0];

        await h.BarrierAsync(); // stop between iterations; a stop in the middle of one is the next test
        await h.BeginStopAsync(engine, out var loop);

        await h.EventuallyAsync(() => Task.FromResult(loop.IsCompleted), done => done, "RunAsync to return", _ => "still running");
        await loop;
        Assert.True(call.StopRequested);
        var run = (await h.RunsOfAsync("slow")).Single();
        Assert.Equal(RunStatus.Interrupted, run.Status);
        Assert.Contains("shut down", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_deaf_to_the_stop_is_recorded_as_interrupted_once_the_shutdown_grace_has_passed()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.Handler.DefaultFate = Fate.BlockIgnoringStop;
        var engine = await h.StartEngineAsync(shutdownGrace: TimeSpan.FromSeconds(30));
        await h.ApplyAsync("stubborn", "schedule: \"* * * * *\"\nshell: x");
        h.Clock.Advance(TimeSpan.FromSeconds(30));
        var call = (await h.WaitForCallsAsync("stubborn", 1))[0];

        await h.BarrierAsync(); // stop between iterations; a stop in the middle of one is the next test
        await h.BeginStopAsync(engine, out var loop);
        await StaysTrue.StaysTrueAsync(() => Task.FromResult(!loop.IsCompleted), $"the engine waits the grace for its runs");
        h.Clock.Advance(TimeSpan.FromSeconds(30));

        await h.EventuallyAsync(() => Task.FromResult(loop.IsCompleted), done => done, "RunAsync to return after the grace", _ => "still running");
        var run = (await h.RunsOfAsync("stubborn")).Single();
        Assert.Equal(RunStatus.Interrupted, run.Status);

        call.Release(); // the late end does not overwrite the verdict
        await call.Outcome;
        await StaysTrue.StaysTrueAsync(async () => (await h.Runs.GetRunAsync(run.Id, default))!.Status == RunStatus.Interrupted, "the run stays interrupted");
    }

    [Fact]
    public async Task A_stop_that_comes_while_the_loop_writes_to_the_store_still_shuts_down_gracefully()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.Handler.Script("slow", Fate.Block);
        var engine = await h.StartEngineAsync();
        await h.ApplyAsync("slow", "schedule: \"0 0 1 1 *\"\nshell: x");
        await h.ApplyAsync("tick", "schedule: { every: 5s }\nshell: x");
        var slow = await engine.RunNowAsync("slow");
        var call = (await h.WaitForCallsAsync("slow", 1))[0];
        await h.BarrierAsync();

        // Another process holds the database's write lock, so the loop's claim of the 11:59:35 tick waits in the store...
        await using var other = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Join(h.DataDirectory, "scheduler.db")}");
        await other.OpenAsync();
        await using (var begin = other.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE;";
            await begin.ExecuteNonQueryAsync();
        }

        var reads = h.Clock.Reads;
        h.Clock.Advance(TimeSpan.FromSeconds(5));
        await h.EventuallyAsync(() => Task.FromResult(h.Clock.Reads), r => r >= reads + 2, "the loop to reach the claim", r => $"{r - reads} clock read(s)");

        // ...when the host stops the engine; then the lock goes.
        await h.BeginStopAsync(engine, out var loop);
        await using (var rollback = other.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync();
        }

        await h.EventuallyAsync(() => Task.FromResult(loop.IsCompleted), done => done, "RunAsync to return", _ => "still running");
        Assert.Equal(TaskStatus.RanToCompletion, loop.Status); // not cancelled half-way, skipping the shutdown
        Assert.True(call.StopRequested);
        Assert.Equal(RunStatus.Interrupted, (await h.Runs.GetRunAsync(slow.RunId!.Value, default))!.Status);
    }

    [Fact]
    public async Task Two_engines_on_one_store_run_each_slot_exactly_once()
    {
        await using var h = await EngineHarness.CreateAsync();

        // Both stay alive throughout: a lease far longer than the test keeps a heartbeat that a busy machine delays
        // behind the fake clock from making one engine declare the other dead (a lease has tests of its own).
        var lease = TimeSpan.FromHours(1);
        var a = await h.StartEngineAsync("a", instanceLease: lease);
        var b = await h.StartEngineAsync("b", store: await h.OpenSameStoreAsync(), instanceLease: lease);
        await h.ApplyAsync("minutely", "schedule: \"* * * * *\"\nshell: x");
        await h.ApplyAsync("often", "schedule: { every: 20s }\nshell: x");

        // 11:59:30 -> 12:01:40 in 10s steps: minutely fires at 12:00 and 12:01, often every 20s from 11:59:40.
        for (var step = 1; step <= 13; step++)
        {
            await h.SettleAsync();
            h.Clock.Advance(TimeSpan.FromSeconds(10));
            var now = h.Now;
            var due = (now - At("2026-11-23T11:59:30Z")).TotalSeconds;
            var expected = ((int)due + 10) / 20 + (now >= At("2026-11-23T12:01:00Z") ? 2 : now >= At("2026-11-23T12:00:00Z") ? 1 : 0);
            await h.WaitForRunsAsync(null, r => r.Count(x => x.Status == RunStatus.Succeeded) == expected, $"{expected} runs by {RunText.Format(now)}");
        }

        await h.BarrierAsync(a);
        await h.BarrierAsync(b);
        var runs = await h.RunsOfAsync();
        var executed = runs.Where(r => r.Status != RunStatus.Skipped).ToList();
        Assert.All(executed.GroupBy(r => (r.TaskId, r.SlotUtc)), g => Assert.Single(g));
        Assert.Equal(2, executed.Count(r => r.TaskId == "minutely"));
        Assert.Equal(7, executed.Count(r => r.TaskId == "often"));
        Assert.Equal(executed.Count, h.Handler.Calls.Count); // no slot executed twice, even by a losing claimer
    }
}
