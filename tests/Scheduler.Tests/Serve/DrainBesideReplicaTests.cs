using System.Globalization;
using System.Text.Json;
using Scheduler.Definitions.Runs;
using Scheduler.Engine.Running;
using Xunit.Abstractions;

namespace Scheduler.Tests.Serve;

/// <summary>Two serve processes on one store, one of them draining: the other runs every slot that falls due meanwhile.</summary>
[Collection(RunsAlone.Name)]
public sealed class DrainBesideReplicaTests(ITestOutputHelper log)
{
    [Fact]
    public async Task While_one_instance_drains_the_other_runs_every_slot_due_meanwhile_and_the_draining_one_claims_none()
    {
        using var folder = new ServeFolder(log);
        folder.WriteWitnessTasks(["tick"]);
        // Long runs keep the instance that claims one draining for a few seconds after its SIGTERM.
        folder.WriteTask("long", """
            schedule:
              every: 1s
            overlap: allow
            timeout: 1m
            shell: sleep 5
            """);
        var settings = new Dictionary<string, string> { ["Scheduler__Engine__DrainTimeout"] = "00:00:30" };
        using var a = folder.StartServe("a", environment: settings);
        using var b = folder.StartServe("b", environment: settings);
        await Task.WhenAll(a.WaitReadyAsync(TimeSpan.FromSeconds(30)), b.WaitReadyAsync(TimeSpan.FromSeconds(30)));
        string Outputs() => $"\n{folder.DescribeWitness()}\n----- a -----\n{a.Output}\n----- b -----\n{b.Output}";
        await using var store = await folder.OpenStoreAsync();
        await Eventually.HoldsAsync(
            async () => (await store.Runs.ListRunningAsync(default)).Any(r => r.Instance == "a" && r.TaskId == "long"),
            TimeSpan.FromSeconds(30),
            () => $"instance a never ran a long run.{Outputs()}");

        a.Terminate();
        var since = await Eventually.ReturnsAsync(
            async () =>
            {
                using var status = JsonDocument.Parse(await a.GetTextAsync("/api/status"));
                var drain = status.RootElement.GetProperty("drain");
                return drain.GetProperty("draining").GetBoolean() ? drain.GetProperty("since").GetString() : null;
            },
            TimeSpan.FromSeconds(5),
            () => $"instance a did not say it drains.{Outputs()}");
        var drainSince = DateTimeOffset.Parse(since, CultureInfo.InvariantCulture);
        Assert.Equal(0, await a.WaitForExitAsync(TimeSpan.FromSeconds(40)));
        var drainEnd = DateTimeOffset.UtcNow;
        Assert.True(drainEnd - drainSince >= TimeSpan.FromSeconds(2), $"instance a drained for {(drainEnd - drainSince).TotalSeconds:0.0} s only.{Outputs()}");
        await Eventually.HoldsAsync(
            () => folder.ReadWitness().Any(w => w.Slot > drainEnd + TimeSpan.FromSeconds(1)),
            TimeSpan.FromSeconds(20),
            () => $"instance b did not go on after a stopped.{Outputs()}");

        var runs = (await store.Runs.ListRunsAsync(null, 10_000, null, default)).ToList();
        var context = $"\nruns: {string.Join(", ", runs.OrderBy(r => r.SlotUtc).Select(r => $"{r.TaskId} {r.SlotUtc:HH:mm:ss} {r.Instance} {r.Status}"))}{Outputs()}";
        // A run claimed before the drain began is a run in progress, and a claim goes up to ClaimAhead before its slot:
        // so a's last slot may lie that much after the drain's start, never more.
        var claimedBefore = drainSince + new EngineOptions().ClaimAhead;
        Assert.All(runs.Where(r => r.Instance == "a"), r => Assert.True(
            r.SlotUtc <= claimedBefore, $"instance a claimed {r.TaskId} slot {r.SlotUtc:O} after its drain began at {drainSince:O}.{context}"));
        Assert.All(runs.Where(r => r.Instance == "a" && r.TaskId == "long"), r => Assert.True(
            r.Status == RunStatus.Succeeded, $"instance a's long run of slot {r.SlotUtc:O} is {r.Status}: the drain should have let it finish.{context}"));
        // Every second of the drain after that is a slot of 'tick', run once, by b.
        var first = new DateTimeOffset(claimedBefore.UtcTicks - (claimedBefore.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero) + TimeSpan.FromSeconds(1);
        for (var slot = first; slot < drainEnd; slot += TimeSpan.FromSeconds(1))
        {
            var ofSlot = runs.Where(r => r.TaskId == "tick" && r.SlotUtc == slot).ToList();
            Assert.True(ofSlot is [{ Instance: "b" }], $"tick slot {slot:O}, during a's drain, was run {ofSlot.Count} time(s) by {string.Join(", ", ofSlot.Select(r => r.Instance))}, not once by b.{context}");
        }
    }
}
