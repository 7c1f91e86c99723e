using System.Globalization;
using Scheduler.Definitions.Runs;
using Scheduler.State.Entities;
using Xunit.Abstractions;

namespace Scheduler.Tests.Serve;

/// <summary>A crash (<c>kill -9</c>) in the middle of a run, then a restart on the same store under the same instance name.</summary>
[Collection(RunsAlone.Name)]
public sealed class KillAndRestartTests(ITestOutputHelper log)
{
    private const string TaskId = "tick";
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_run_killed_with_serve_is_interrupted_after_restart_and_catch_up_all_runs_every_missed_slot_exactly_once()
    {
        using var folder = new ServeFolder(log);
        // The witness line comes first, so a run that started has said so before the kill can land in its sleep.
        folder.WriteTask(TaskId, $"""
            schedule:
              every: 2s
            catch-up: all
            overlap: allow
            timeout: 1m
            shell: |
              {folder.WitnessCommand()}
              sleep 1
            """);

        // First life: several slots, then kill -9 while a run is in its sleep.
        RunRecord killedRun;
        DateTimeOffset killedAt;
        using (var first = folder.StartServe("crashy"))
        {
            await first.WaitReadyAsync(TimeSpan.FromSeconds(30));
            await using var store = await folder.OpenStoreAsync();
            await Eventually.HoldsAsync(() => folder.ReadWitness().Count >= 3, TimeSpan.FromSeconds(20), () => $"fewer than 3 runs in the first life.\n{folder.DescribeWitness()}\n{first.Output}");
            killedRun = await Eventually.ReturnsAsync(
                async () =>
                {
                    var witnessed = folder.ReadWitness().Select(w => w.RunId).ToHashSet();
                    return (await store.Runs.ListRunningAsync(default)).FirstOrDefault(r => witnessed.Contains(r.Id));
                },
                TimeSpan.FromSeconds(15),
                () => $"no run was seen running after writing its witness line.\n{folder.DescribeWitness()}\n{first.Output}",
                TimeSpan.FromMilliseconds(20));
            first.KillHard();
            killedAt = DateTimeOffset.UtcNow;
        }

        // Downtime on purpose: slots come and go while nothing serves.
        await Task.Delay(TimeSpan.FromSeconds(5));
        var restartedAt = DateTimeOffset.UtcNow;

        using var second = folder.StartServe("crashy");
        await second.WaitReadyAsync(TimeSpan.FromSeconds(30));
        await using (var store = await folder.OpenStoreAsync())
        {
            // Two on-time slots after the restart, then a moment when nothing runs, so the store and the witness file agree.
            var readyAt = DateTimeOffset.UtcNow;
            await Eventually.HoldsAsync(
                () => folder.ReadWitness().Any(w => w.Slot >= readyAt + 2 * Every),
                TimeSpan.FromSeconds(20),
                () => $"no slot ran after the restart.\n{folder.DescribeWitness()}\n{second.Output}");
            var runs = await Eventually.ReturnsAsync(
                async () => (await store.Runs.ListRunningAsync(default)).Count == 0 ? await store.Runs.ListRunsAsync(TaskId, 1000, null, default) : null,
                TimeSpan.FromSeconds(10),
                () => $"a run was always running.\n{second.Output}",
                TimeSpan.FromMilliseconds(20));
            var witness = folder.ReadWitness();
            var context = $"\nkilled run #{killedRun.Id} (slot {killedRun.SlotUtc:O}) at {killedAt:O}, restarted at {restartedAt:O}\n"
                + $"store:\n{string.Join('\n', runs.OrderBy(r => r.SlotUtc).Select(Describe))}\n{folder.DescribeWitness()}";

            // The run the kill cut short is interrupted, by the restart's recovery, and was not run again.
            var killed = Assert.Single(runs, r => r.Id == killedRun.Id);
            Assert.True(killed.Status == RunStatus.Interrupted, $"run #{killed.Id} is {killed.Status}, not interrupted.{context}");
            Assert.Contains("crash or kill", killed.Error ?? "", StringComparison.Ordinal);
            Assert.Single(runs, r => r.SlotUtc == killedRun.SlotUtc);

            // At most once per slot, and every witnessed run is the store's run of that slot.
            var duplicates = witness.GroupBy(w => (w.TaskId, w.Slot)).Where(g => g.Count() > 1).Select(g => g.Key.Slot).ToList();
            Assert.True(duplicates.Count == 0, $"slots run twice: {string.Join(", ", duplicates.Select(s => s.ToString("O", CultureInfo.InvariantCulture)))}{context}");
            var bySlot = runs.ToDictionary(r => r.SlotUtc);
            foreach (var line in witness)
            {
                Assert.True(bySlot.TryGetValue(line.Slot, out var run) && run.Id == line.RunId, $"witness line '{line}' is not the store's run of that slot.{context}");
            }

            // Every claimed run of the store ran (its witness line is written at its start); none was skipped or failed.
            var witnessedSlots = witness.Select(w => w.Slot).ToHashSet();
            foreach (var run in runs)
            {
                Assert.True(run.Status is RunStatus.Succeeded or RunStatus.Interrupted, $"run #{run.Id} is {run.Status}.{context}");
                Assert.True(witnessedSlots.Contains(run.SlotUtc), $"run #{run.Id} (slot {run.SlotUtc:O}) was claimed but never ran.{context}");
            }

            // No slot lost between the first and the last: the downtime's slots were caught up.
            var slots = witnessedSlots.Order().ToList();
            var gaps = slots.Zip(slots.Skip(1)).Where(p => p.Second - p.First != Every).ToList();
            Assert.True(gaps.Count == 0, $"slots missing between {string.Join(", ", gaps.Select(g => $"{g.First:HH:mm:ss} and {g.Second:HH:mm:ss}"))}.{context}");
            // In slot order: the last one may be the restart's own on-time slot (runs are listed newest first).
            var downtimeSlots = runs.Where(r => r.SlotUtc > killedAt && r.SlotUtc < restartedAt).OrderBy(r => r.SlotUtc).ToList();
            Assert.True(downtimeSlots.Count >= 2, $"expected at least two slots of the downtime to be run, found {downtimeSlots.Count}.{context}");
            Assert.True(downtimeSlots.All(r => r.Trigger == RunTrigger.CatchUp || r == downtimeSlots[^1]), $"the downtime's slots were not run as catch-up.{context}");
        }

        second.Terminate();
        Assert.Equal(0, await second.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    private static string Describe(RunRecord r) =>
        $"  #{r.Id} {r.SlotUtc:HH:mm:ss} attempt {r.Attempt} {r.Trigger} {r.Status} {r.Instance} {r.Error}";
}
