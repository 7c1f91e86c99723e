using Scheduler.Definitions.Runs;
using Scheduler.State.Entities;
using Xunit.Abstractions;

namespace Scheduler.Tests.Serve;

/// <summary>A chain across a crash: <c>kill -9</c> after the upstream's end is recorded and before the downstream starts.</summary>
[Collection(RunsAlone.Name)]
public sealed class ChainKillTests(ITestOutputHelper log)
{
    [Fact]
    public async Task A_downstream_run_queued_when_serve_is_killed_runs_exactly_once_after_restart_with_its_upstream()
    {
        using var folder = new ServeFolder(log);
        folder.WriteTask("export", """
            schedule:
              every: 2s
            catch-up: none
            shell: "true"
            """);
        folder.WriteTask("report", $"""
            schedule:
              after: export
            overlap: allow
            shell: |
              {folder.WitnessCommand("$SCHEDULER_UPSTREAM_TASK_ID/$SCHEDULER_UPSTREAM_RUN_ID/{{ upstream.status }}")}
            """);

        // First life: the downstream's runs stay queued (the testing aid holds them), so the kill lands between the
        // upstream's recorded end and the downstream's start.
        RunRecord firstQueued;
        using (var first = folder.StartServe("chain", environment: new Dictionary<string, string> { ["Scheduler__Engine__ChainStartDelay"] = "01:00:00" }))
        {
            await first.WaitReadyAsync(TimeSpan.FromSeconds(30));
            await using var store = await folder.OpenStoreAsync();
            firstQueued = await Eventually.ReturnsAsync(
                async () => (await store.Runs.ListRunsAsync("report", 10, null, default)).FirstOrDefault(r => r.Status == RunStatus.Queued),
                TimeSpan.FromSeconds(30),
                () => $"no chained run was queued.\n{first.Output}");
            first.KillHard();
        }

        Assert.Empty(folder.ReadWitness()); // nothing of the downstream ran in the first life
        using var second = folder.StartServe("chain");
        await second.WaitReadyAsync(TimeSpan.FromSeconds(30));
        await using (var store = await folder.OpenStoreAsync())
        {
            await Eventually.HoldsAsync(
                () => folder.ReadWitness().Any(w => w.RunId == firstQueued.Id),
                TimeSpan.FromSeconds(30),
                () => $"the queued run #{firstQueued.Id} did not run after the restart.\n{folder.DescribeWitness()}\n{second.Output}");

            // A few more upstream ends in the second life, then a quiet moment to compare store and witness.
            await Task.Delay(TimeSpan.FromSeconds(5));
            second.Terminate();
            Assert.Equal(0, await second.WaitForExitAsync(TimeSpan.FromSeconds(30)));

            var upstream = (await store.Runs.ListRunsAsync("export", 1000, null, default)).Where(r => r.Status == RunStatus.Succeeded).ToList();
            var downstream = await store.Runs.ListRunsAsync("report", 1000, null, default);
            var witness = folder.ReadWitness();
            var context = $"\nexport: {string.Join(", ", upstream.Select(r => $"#{r.Id} {r.Status}"))}"
                + $"\nreport: {string.Join(", ", downstream.Select(r => $"#{r.Id} {r.Trigger} {r.Status} after {r.UpstreamRunIds}"))}\n{folder.DescribeWitness()}";

            // The run queued before the kill ran once, as its upstream's run, and knew which one that was.
            var line = Assert.Single(witness, w => w.RunId == firstQueued.Id);
            Assert.Equal($"export/{firstQueued.UpstreamRunIds}/succeeded", line.Marker);
            Assert.Equal(RunTrigger.After, Assert.Single(downstream, r => r.Id == firstQueued.Id).Trigger);

            // Every upstream success owes exactly one downstream run; none ran twice. (The last end may still be queued
            // if the stop came between it and its claim: then it is owed to the next start, not lost.)
            foreach (var run in upstream)
            {
                var owed = downstream.Where(r => r.UpstreamRunIds == run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
                Assert.True(owed.Count == 1, $"upstream run #{run.Id} has {owed.Count} downstream runs.{context}");
                Assert.True(owed[0].Status is RunStatus.Succeeded or RunStatus.Queued, $"downstream run #{owed[0].Id} is {owed[0].Status}.{context}");
            }

            Assert.True(witness.GroupBy(w => w.RunId).All(g => g.Count() == 1), $"a downstream run ran twice.{context}");
        }
    }
}
