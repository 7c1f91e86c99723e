using Microsoft.Extensions.Time.Testing;
using Scheduler.Definitions.Runs;
using Scheduler.State.Tests.Support;
using static Scheduler.State.Tests.Support.Fixtures;

namespace Scheduler.State.Tests;

public sealed class InterruptionTests
{
    [Fact]
    public async Task Marking_an_instance_interrupted_touches_only_its_running_runs()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();
        var a1 = await store.Runs.TryClaimAsync("t1", Slot, 1, RunTrigger.Schedule, Revision, "host-a", Slot, TestTimeout.Token);
        var a2 = await store.Runs.TryClaimAsync("t2", Slot, 1, RunTrigger.Schedule, Revision, "host-a", Slot, TestTimeout.Token);
        var aDone = (await store.Runs.TryClaimAsync("t3", Slot, 1, RunTrigger.Schedule, Revision, "host-a", Slot, TestTimeout.Token))!.Value;
        await store.Runs.FinishAsync(aDone, RunStatus.Succeeded, 0, "", 0, null, Slot.AddSeconds(1), TestTimeout.Token);
        var b = (await store.Runs.TryClaimAsync("t4", Slot, 1, RunTrigger.Schedule, Revision, "host-b", Slot, TestTimeout.Token))!.Value;

        var interrupted = await store.Runs.MarkInterruptedAsync("host-a", Slot.AddMinutes(1), "host-a restarted", TestTimeout.Token);

        Assert.Equal(new[] { a1!.Value, a2!.Value }, interrupted.Order());
        Assert.Equal(RunStatus.Succeeded, (await store.Runs.GetRunAsync(aDone, TestTimeout.Token))!.Status);
        Assert.Equal(RunStatus.Running, (await store.Runs.GetRunAsync(b, TestTimeout.Token))!.Status);
        Assert.Equal([b], (await store.Runs.ListRunningAsync(TestTimeout.Token)).Select(r => r.Id));
    }

    [Fact]
    public async Task Running_runs_of_an_instance_that_stopped_heartbeating_become_interrupted()
    {
        var clock = new FakeTimeProvider(At("2026-01-01T00:00:00Z"));
        var lease = TimeSpan.FromSeconds(30);
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();
        await store.Runs.StartInstanceAsync("host-dead", "1.0", clock.GetUtcNow(), TestTimeout.Token);
        await store.Runs.StartInstanceAsync("host-alive", "1.0", clock.GetUtcNow(), TestTimeout.Token);
        await store.Runs.StartInstanceAsync("host-me", "1.0", clock.GetUtcNow(), TestTimeout.Token);
        var dead = await store.Runs.TryClaimAsync("t1", Slot, 1, RunTrigger.Schedule, Revision, "host-dead", clock.GetUtcNow(), TestTimeout.Token);
        var alive = await store.Runs.TryClaimAsync("t2", Slot, 1, RunTrigger.Schedule, Revision, "host-alive", clock.GetUtcNow(), TestTimeout.Token);
        var mine = await store.Runs.TryClaimAsync("t3", Slot, 1, RunTrigger.Schedule, Revision, "host-me", clock.GetUtcNow(), TestTimeout.Token);
        var unknown = await store.Runs.TryClaimAsync("t4", Slot, 1, RunTrigger.Schedule, Revision, "host-never-registered", clock.GetUtcNow(), TestTimeout.Token);

        clock.Advance(TimeSpan.FromSeconds(20));
        await store.Runs.HeartbeatAsync("host-alive", "1.0", clock.GetUtcNow(), TestTimeout.Token);
        clock.Advance(TimeSpan.FromSeconds(20));

        // host-dead was last seen 40 s ago, host-alive 20 s ago; host-me is the caller; the fourth never registered.
        var withLongLease = await store.Runs.MarkInterruptedOfDeadInstancesAsync("host-me", TimeSpan.FromMinutes(1), clock.GetUtcNow(), "lost", TestTimeout.Token);
        var withLease = await store.Runs.MarkInterruptedOfDeadInstancesAsync("host-me", lease, clock.GetUtcNow(), "host-dead stopped heartbeating", TestTimeout.Token);

        Assert.Equal([unknown!.Value], withLongLease);
        Assert.Equal([dead!.Value], withLease);
        Assert.Equal(new[] { alive!.Value, mine!.Value }, (await store.Runs.ListRunningAsync(TestTimeout.Token)).Select(r => r.Id));
        var run = await store.Runs.GetRunAsync(dead.Value, TestTimeout.Token);
        Assert.Equal((RunStatus.Interrupted, clock.GetUtcNow(), "host-dead stopped heartbeating"), (run!.Status, run.FinishedAt, run.Error));
    }

    [Fact]
    public async Task A_heartbeat_keeps_the_start_time_and_a_restart_resets_it()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();

        await store.Runs.HeartbeatAsync("host-a", "1.0", Slot, TestTimeout.Token);
        await store.Runs.HeartbeatAsync("host-a", "1.1", Slot.AddSeconds(10), TestTimeout.Token);
        var beating = Assert.Single(await store.Runs.ListInstancesAsync(TestTimeout.Token));
        await store.Runs.StartInstanceAsync("host-a", "1.2", Slot.AddMinutes(5), TestTimeout.Token);
        var restarted = Assert.Single(await store.Runs.ListInstancesAsync(TestTimeout.Token));

        Assert.Equal((Slot, Slot.AddSeconds(10), "1.1"), (beating.StartedAt, beating.HeartbeatAt, beating.Version));
        Assert.Equal((Slot.AddMinutes(5), Slot.AddMinutes(5), "1.2"), (restarted.StartedAt, restarted.HeartbeatAt, restarted.Version));
    }
}
