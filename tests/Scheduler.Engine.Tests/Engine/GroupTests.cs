using Scheduler.Definitions.Runs;
using static Scheduler.Engine.Tests.TestTasks;

namespace Scheduler.Engine.Tests.Engine;

/// <summary>
/// Concurrency groups through the real engine on SQLite (one instance): a run that finds its group full waits
/// <c>queued</c>, saying for what, starts when a place frees, in slot order, or is skipped once its starting deadline passes.
/// </summary>
public sealed class GroupTests
{
    private const string Waiting = "waiting for a place in group db (limit 1)";

    private static string Hourly(string more = "") => $"schedule: \"0 * * * *\"\nconcurrency: {{ group: db, limit: 1 }}\nshell: x\n{more}";

    [Fact]
    public async Task A_run_that_finds_its_group_full_waits_queued_and_starts_when_the_place_frees()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.Handler.DefaultFate = Fate.Block;
        await h.StartEngineAsync();
        await h.ApplyAsync("backups/a", Hourly());
        await h.ApplyAsync("backups/b", Hourly());

        h.Clock.Advance(TimeSpan.FromSeconds(30)); // 12:00: both due, one place
        var first = Assert.Single(await AllCallsAsync(h, 1));
        var other = first.Context.Task.Id == "backups/a" ? "backups/b" : "backups/a";
        var queued = Assert.Single(await h.WaitForRunsAsync(other, r => r.Count == 1 && r[0].Status == RunStatus.Queued, "the other run to wait"));
        Assert.Equal((Waiting, null), (queued.Error, queued.StartedAt));
        Assert.Equal("db", queued.ConcurrencyGroup);
        await h.BarrierAsync();
        Assert.Single(h.Handler.Calls);

        first.Release();
        var second = (await h.WaitForCallsAsync(other, 1))[0];
        var started = await h.WaitForStatusAsync(queued.Id, RunStatus.Running);
        Assert.Null(started.Error);
        Assert.Equal(At("2026-11-23T12:00:00Z"), second.Context.Slot);
        second.Release();
        await h.WaitForStatusAsync(queued.Id, RunStatus.Succeeded);
    }

    [Fact]
    public async Task A_queued_run_whose_starting_deadline_passes_is_skipped_with_the_reason()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.Handler.DefaultFate = Fate.Block;
        await h.StartEngineAsync();
        await h.ApplyAsync("backups/a", Hourly());
        await h.ApplyAsync("backups/b", Hourly("starting-deadline: 5m"));
        h.Handler.Script("backups/b", Fate.Succeed);

        // a takes the place first only if it was claimed first; hold a by running it now, before 12:00.
        var now = await h.Engine.RunNowAsync("backups/a");
        var holder = (await h.WaitForCallsAsync("backups/a", 1))[0];
        h.Clock.Advance(TimeSpan.FromSeconds(30)); // 12:00: a's slot skipped by overlap, b's queued
        var queued = Assert.Single(await h.WaitForRunsAsync("backups/b", r => r.Count == 1 && r[0].Status == RunStatus.Queued, "b to wait"));

        h.Clock.Advance(TimeSpan.FromMinutes(4)); // 12:04: still within the deadline
        await h.BarrierAsync();
        Assert.Equal(RunStatus.Queued, (await h.Runs.GetRunAsync(queued.Id, default))!.Status);

        h.Clock.Advance(TimeSpan.FromMinutes(2)); // 12:06: past it
        var skipped = await h.WaitForStatusAsync(queued.Id, RunStatus.Skipped);
        Assert.Equal("no place in group db (limit 1) before the starting deadline (5m after 2026-11-23T12:00:00Z) passed", skipped.Error);
        Assert.Empty(h.Handler.CallsOf("backups/b"));
        holder.Release();
        await h.WaitForStatusAsync(now.RunId!.Value, RunStatus.Succeeded);
    }

    [Fact]
    public async Task Queued_runs_start_in_slot_order_across_the_tasks_of_the_group()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.Handler.DefaultFate = Fate.Block;
        await h.StartEngineAsync();
        await h.ApplyAsync("a", "schedule: \"*/10 * * * *\"\nconcurrency: { group: db, limit: 1 }\noverlap: allow\nshell: x\n");
        await h.ApplyAsync("b", "schedule: \"5,15,25 * * * *\"\nconcurrency: { group: db, limit: 1 }\nshell: x\n");

        h.Clock.Advance(TimeSpan.FromSeconds(30)); // 12:00 a runs
        var running = (await h.WaitForCallsAsync("a", 1))[0];
        h.Clock.Advance(TimeSpan.FromMinutes(5)); // 12:05 b waits
        await h.WaitForRunsAsync("b", r => r.Count == 1, "b's 12:05 slot");
        h.Clock.Advance(TimeSpan.FromMinutes(5)); // 12:10 a waits behind b
        await h.WaitForRunsAsync("a", r => r.Count == 2, "a's 12:10 slot");

        var order = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            running.Release();
            running = (await AllCallsAsync(h, i + 2))[i + 1];
            order.Add($"{running.Context.Task.Id} {running.Context.Slot:HH:mm}");
        }

        Assert.Equal(["b 12:05", "a 12:10"], order);
        running.Release();
    }

    [Fact]
    public async Task A_queued_run_can_be_cancelled_and_then_never_starts()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.Handler.DefaultFate = Fate.Block;
        await h.StartEngineAsync();
        await h.ApplyAsync("backups/a", Hourly());
        await h.ApplyAsync("backups/b", Hourly());
        await h.Engine.RunNowAsync("backups/a");
        var holder = (await h.WaitForCallsAsync("backups/a", 1))[0];
        var waiting = await h.Engine.RunNowAsync("backups/b");

        var result = await h.Engine.CancelAsync(waiting.RunId!.Value, default);

        Assert.Equal(
            (Scheduler.Engine.Running.CancelOutcome.Stopping, $"run #{waiting.RunId} was waiting for a place in group db: it is cancelled and will not start"),
            (result.Outcome, result.Reason));
        var cancelled = await h.WaitForStatusAsync(waiting.RunId!.Value, RunStatus.Cancelled);
        Assert.Null(cancelled.StartedAt);
        holder.Release();
        await h.SettleAsync();
        await h.BarrierAsync();
        Assert.Empty(h.Handler.CallsOf("backups/b"));
    }

    [Fact]
    public async Task Under_replace_a_new_slot_skips_the_tasks_run_that_still_waits_in_the_group()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.Handler.DefaultFate = Fate.Block;
        await h.StartEngineAsync();
        await h.ApplyAsync("holder", "schedule: { manual: true }\nconcurrency: { group: db, limit: 1 }\nshell: x\n");
        await h.ApplyAsync("b", "schedule: \"* * * * *\"\nconcurrency: { group: db, limit: 1 }\noverlap: replace\nshell: x\n");
        await h.Engine.RunNowAsync("holder");
        var holder = (await h.WaitForCallsAsync("holder", 1))[0];

        h.Clock.Advance(TimeSpan.FromSeconds(30)); // 12:00 waits
        var first = Assert.Single(await h.WaitForRunsAsync("b", r => r.Count == 1 && r[0].Status == RunStatus.Queued, "12:00 to wait"));
        h.Clock.Advance(TimeSpan.FromMinutes(1)); // 12:01 replaces it in the queue

        var runs = await h.WaitForRunsAsync("b", r => r.Count == 2 && r[0].Status == RunStatus.Skipped, "12:00 to be skipped");
        Assert.Equal((first.Id, "replaced by a newer run (slot 2026-11-23T12:01:00Z, overlap: replace)"), (runs[0].Id, runs[0].Error));
        Assert.Equal(RunStatus.Queued, runs[1].Status);
        holder.Release();
        var call = (await h.WaitForCallsAsync("b", 1))[0];
        Assert.Equal(At("2026-11-23T12:01:00Z"), call.Context.Slot);
        call.Release();
    }

    private static Task<IReadOnlyList<HandlerCall>> AllCallsAsync(EngineHarness h, int count) =>
        h.EventuallyAsync(() => Task.FromResult(h.Handler.Calls), c => c.Count >= count, $"{count} handler call(s)", c => $"{c.Count} call(s)");

    [Fact]
    public async Task Run_now_of_a_full_group_is_started_queued_and_the_person_is_told_what_it_waits_for()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.Handler.DefaultFate = Fate.Block;
        await h.StartEngineAsync();
        await h.ApplyAsync("backups/a", Hourly());
        await h.ApplyAsync("backups/b", Hourly());
        await h.Engine.RunNowAsync("backups/a");
        var holder = (await h.WaitForCallsAsync("backups/a", 1))[0];

        var result = await h.Engine.RunNowAsync("backups/b");

        Assert.Equal(Waiting, result.Notice);
        Assert.Equal(RunStatus.Queued, (await h.Runs.GetRunAsync(result.RunId!.Value, default))!.Status);
        holder.Release();
        await h.WaitForCallsAsync("backups/b", 1);
        h.Handler.ReleaseAll();
    }
}
