using System.Globalization;
using Scheduler.Definitions.Runs;
using Scheduler.State.Entities;
using Xunit.Abstractions;

namespace Scheduler.Tests.Serve;

/// <summary>Two serve processes on one SQLite store: the claim, not luck, decides who runs each slot.</summary>
[Collection(RunsAlone.Name)]
public sealed class TwoInstancesTests(ITestOutputHelper log)
{
    private static readonly string[] TaskIds = ["one", "two", "three"];

    [Fact]
    public async Task Two_processes_on_one_store_run_every_slot_of_every_task_exactly_once()
    {
        using var folder = new ServeFolder(log);
        folder.WriteWitnessTasks(TaskIds);

        // Debug logs say when an instance tried a slot and lost the claim: proof that both took part in every slot. The slots
        // are shared (each task has an owner); the other instance tries a slot a claim grace after it, to make sure.
        var debug = new Dictionary<string, string>
        {
            ["Logging__LogLevel__Scheduler.Engine.SchedulerEngine"] = "Debug",
            ["Scheduler__Engine__ClaimGrace"] = "00:00:01",
        };
        using var a = folder.StartServe("a", environment: debug);
        using var b = folder.StartServe("b", environment: debug);
        await Task.WhenAll(a.WaitReadyAsync(TimeSpan.FromSeconds(30)), b.WaitReadyAsync(TimeSpan.FromSeconds(30)));
        var bothReady = DateTimeOffset.UtcNow;
        var from = bothReady + TimeSpan.FromSeconds(1);
        var to = bothReady + TimeSpan.FromSeconds(13);
        string Outputs() => $"\n----- a -----\n{a.Output}\n----- b -----\n{b.Output}";

        await using var store = await folder.OpenStoreAsync();
        await Eventually.HoldsAsync(
            () => TaskIds.All(id => folder.ReadWitness().Any(w => w.TaskId == id && w.Slot > to)),
            TimeSpan.FromSeconds(30),
            () => $"not every task ran past {to:O}.\n{folder.DescribeWitness()}{Outputs()}");
        var runs = await Eventually.ReturnsAsync(
            async () => (await store.Runs.ListRunningAsync(default)).Count == 0 ? (await store.Runs.ListRunsAsync(null, 10_000, null, default)).Where(r => TaskIds.Contains(r.TaskId)).ToList() : null,
            TimeSpan.FromSeconds(10),
            () => $"a run was always running.{Outputs()}",
            TimeSpan.FromMilliseconds(20));
        var witness = folder.ReadWitness();
        var instances = await store.Runs.ListInstancesAsync(default);
        var spread = string.Join(", ", runs.GroupBy(r => r.Instance).Select(g => $"{g.Key}: {g.Count()} runs"));
        log.WriteLine($"runs by instance: {spread}");
        var context = $"\nruns by instance: {spread}\n{folder.DescribeWitness()}";

        // Exactly once: no (task, slot) twice in the witness file, no (task, slot, attempt) twice in the store.
        var twiceRun = witness.GroupBy(w => (w.TaskId, w.Slot)).Where(g => g.Count() > 1).Select(g => $"{g.Key.TaskId} {g.Key.Slot:HH:mm:ss}").ToList();
        Assert.True(twiceRun.Count == 0, $"slots run twice: {string.Join(", ", twiceRun)}{context}{Outputs()}");
        var twiceClaimed = runs.GroupBy(r => (r.TaskId, r.SlotUtc, r.Attempt)).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twiceClaimed.Count == 0, $"slots claimed twice: {string.Join(", ", twiceClaimed)}{context}");

        // The witness file and the store tell the same story: each line is the store's run, each run wrote its line.
        var byId = runs.ToDictionary(r => r.Id);
        foreach (var line in witness)
        {
            Assert.True(
                byId.TryGetValue(line.RunId, out var run) && run.TaskId == line.TaskId && run.SlotUtc == line.Slot,
                $"witness line '{line}' is not a run of the store.{context}");
        }

        var witnessed = witness.Select(w => w.RunId).ToHashSet();
        foreach (var run in runs)
        {
            Assert.True(run.Status == RunStatus.Succeeded, $"run #{run.Id} ({run.TaskId} {run.SlotUtc:HH:mm:ss}, {run.Instance}) is {run.Status}: {run.Error}{context}");
            Assert.True(witnessed.Contains(run.Id), $"run #{run.Id} ({run.TaskId} {run.SlotUtc:HH:mm:ss}) was claimed but never ran.{context}");
        }

        // Nothing lost either: while both served, every task ran every second.
        foreach (var id in TaskIds)
        {
            var slots = witness.Where(w => w.TaskId == id).Select(w => w.Slot).ToHashSet();
            var missing = Enumerable.Range(0, 13)
                .Select(i => new DateTimeOffset(from.UtcTicks - from.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero).AddSeconds(i))
                .Where(s => !slots.Contains(s))
                .ToList();
            Assert.True(missing.Count == 0, $"task {id} did not run at {string.Join(", ", missing.Select(s => s.ToString("HH:mm:ss", CultureInfo.InvariantCulture)))}.{context}{Outputs()}");
        }

        Assert.Equal(["a", "b"], instances.Select(i => i.Name).Order());

        // Each instance either ran each slot or tried it (a grace late, where the other owns the task) and lost the claim:
        // neither stood by while the other worked.
        string Absent(ServeProcess instance, string name) => string.Join(", ", runs
            .Where(r => r.SlotUtc >= from && r.SlotUtc <= to && r.Instance != name)
            .Where(r => !instance.Output.Contains($"Slot {r.SlotUtc:O} attempt {r.Attempt} of {r.TaskId} was claimed by another instance", StringComparison.Ordinal))
            .Select(r => $"{r.TaskId} {r.SlotUtc:HH:mm:ss}"));
        await Eventually.HoldsAsync(
            () => Absent(a, "a").Length == 0 && Absent(b, "b").Length == 0,
            TimeSpan.FromSeconds(10),
            () => $"a neither ran nor tried [{Absent(a, "a")}]; b neither ran nor tried [{Absent(b, "b")}].{context}{Outputs()}");

        // And the slots were shared: each instance ran the tasks it owns (one and two: b, three: a) on time.
        Assert.True(runs.Any(r => r.Instance == "a") && runs.Any(r => r.Instance == "b"), $"one instance ran every slot.{context}");

        a.Terminate();
        b.Terminate();
        Assert.Equal(0, await a.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, await b.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }
}
