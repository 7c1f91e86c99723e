using System.Globalization;
using Scheduler.Definitions.Runs;
using Scheduler.State.Entities;
using Scheduler.State.Store;
using Scheduler.Tests.Serve;
using Xunit.Abstractions;

namespace Scheduler.Tests.Replicas;

/// <summary>
/// Three real serve processes on one PostgreSQL database share every-second slots; one of them is stopped (SIGSTOP)
/// for longer than its lease while it runs a long run, then continued (SIGCONT): it is fenced, kills what it still
/// runs, rejoins as new, and over the whole test every slot has exactly one run.
/// </summary>
[Collection(PostgresReplicas.Name)]
public sealed class SharedAndFencedReplicasTests(PostgresServer postgres, ITestOutputHelper log)
{
    // Rendezvous hashing gives each of r1, r2, r3 two of these six tasks (and r2 the long one, unless another replica
    // claims its first slot a grace late because r2 was slower to read the new file: the test stops whoever runs it).
    private static readonly string[] Ticks = ["tick-1", "tick-2", "tick-3", "tick-4", "tick-5", "tick-6"];
    private static readonly string[] Names = ["r1", "r2", "r3"];
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Sharing = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Stopped = Lease + TimeSpan.FromSeconds(4);

    [Fact]
    public async Task Replicas_share_the_slots_and_one_stopped_past_its_lease_is_fenced_kills_its_runs_and_rejoins_with_no_slot_twice_or_lost()
    {
        using var folder = new ServeFolder(log);
        var pids = Path.Combine(folder.Root, "long.pids");
        folder.WriteWitnessTasks(Ticks);
        var connection = await postgres.CreateDatabaseAsync("fenced");
        var settings = new Dictionary<string, string>
        {
            ["Scheduler__Engine__InstanceLease"] = Lease.ToString("c", CultureInfo.InvariantCulture),
            ["Scheduler__Engine__ClaimGrace"] = Grace.ToString("c", CultureInfo.InvariantCulture),
        };
        var replicas = Names.ToDictionary(
            n => n,
            n => ServeProcess.Start(folder.Root, ["--schedules", folder.Schedules, "--store", "postgres", "--connection", connection, "--instance", n], n, log, settings));
        try
        {
            await Task.WhenAll(replicas.Values.Select(r => r.WaitReadyAsync(TimeSpan.FromSeconds(60))));
            await using var store = await SchedulerStore.OpenAsync(new StoreOptions { Kind = StoreKind.Postgres, Connection = connection });
            string Outputs() => string.Concat(replicas.Select(r => $"\n----- {r.Key} -----\n{r.Value.Output}"));

            // Until a replica has seen the others heartbeat it owns every task; the window starts once all three share.
            await Eventually.HoldsAsync(
                () => replicas.Values.All(r => r.Output.Contains("Due slots are now shared by 3 live instance(s)", StringComparison.Ordinal)),
                TimeSpan.FromSeconds(20),
                () => $"the replicas did not all see each other.{Outputs()}");
            var from = WholeSecond(DateTimeOffset.UtcNow) + TimeSpan.FromSeconds(2);
            folder.WriteTask("long", $"""
                schedule:
                  every: 1s
                catch-up: none
                overlap: forbid
                timeout: 10m
                kill-grace: 1s
                shell: |
                  echo "$$ $SCHEDULER_RUN_ID" >> '{pids}'
                  exec sleep 600
                """);

            // Sharing: each replica runs the slots of the tasks it owns.
            var longRun = await Eventually.ReturnsAsync(
                async () => (await store.Runs.ListRunningAsync(default)).FirstOrDefault(r => r.TaskId == "long"),
                TimeSpan.FromSeconds(30),
                () => $"no replica ran the long task.{Outputs()}");
            var victimName = longRun.Instance;
            var victim = replicas[victimName];
            await Task.Delay(from + Sharing - DateTimeOffset.UtcNow);
            var sharedTo = WholeSecond(DateTimeOffset.UtcNow) - TimeSpan.FromSeconds(3);

            // The victim stalls past its lease while its long run goes on; the others fence it and take its runs over.
            var epochBefore = (await store.Runs.ListInstancesAsync(default)).Single(i => i.Name == victimName).Epoch;
            victim.Suspend();
            var stoppedAt = DateTimeOffset.UtcNow;
            await Eventually.HoldsAsync(
                async () => (await store.Runs.ListInstancesAsync(default)).Single(i => i.Name == victimName).FencedAt is not null
                    && (await store.Runs.GetRunAsync(longRun.Id, default))!.Status == RunStatus.Interrupted,
                Lease + TimeSpan.FromSeconds(10),
                () => $"{victimName} was not fenced, or its long run #{longRun.Id} not taken over, while it was stopped.{Outputs()}");
            var fencedEpoch = (await store.Runs.ListInstancesAsync(default)).Single(i => i.Name == victimName).Epoch;
            await Task.Delay(stoppedAt + Stopped - DateTimeOffset.UtcNow);
            var victimPid = LongPid(pids, longRun.Id);
            Assert.True(IsAlive(victimPid), $"the long run #{longRun.Id} (pid {victimPid}) died while {victimName} was stopped.");

            // Continued, it finds its late writes refused, stops what it still runs and rejoins under a new epoch.
            victim.Resume();
            var resumedAt = DateTimeOffset.UtcNow;
            // (On a slow machine a replica may be fenced once already at start-up, before its first heartbeat: the epochs
            // are read from the store, not assumed.)
            await Eventually.HoldsAsync(
                () => victim.Output.Contains($"This instance ({victimName}) rejoined with epoch {fencedEpoch + 1}", StringComparison.Ordinal),
                TimeSpan.FromSeconds(20),
                () => $"{victimName} did not rejoin after it was fenced.{Outputs()}");
            Assert.Contains($"This instance ({victimName}, epoch {epochBefore}) was fenced", victim.Output, StringComparison.Ordinal);
            await Eventually.HoldsAsync(
                () => !IsAlive(victimPid),
                TimeSpan.FromSeconds(15),
                () => $"{victimName} did not kill its long run's process {victimPid} after it was fenced.{Outputs()}");
            var rejoined = (await store.Runs.ListInstancesAsync(default)).Single(i => i.Name == victimName);
            Assert.True(rejoined.Epoch > fencedEpoch && rejoined.FencedAt is null, $"{victimName} is at epoch {rejoined.Epoch} (fenced at {fencedEpoch}), fenced at {rejoined.FencedAt}.");
            await Eventually.HoldsAsync(
                async () => (await store.Runs.ListRunsAsync(null, 100_000, null, default))
                    .Any(r => r.Instance == victimName && Ticks.Contains(r.TaskId) && r.SlotUtc > resumedAt + TimeSpan.FromSeconds(3)),
                TimeSpan.FromSeconds(20),
                () => $"{victimName} ran no slot after it rejoined.{Outputs()}");

            // Over the whole test, stall included: every slot exactly once.
            var to = WholeSecond(DateTimeOffset.UtcNow) - TimeSpan.FromSeconds(3);
            var runs = await Eventually.ReturnsAsync(
                async () => await SettledTicksAsync(store, to),
                TimeSpan.FromSeconds(15),
                () => $"tick runs up to {to:O} were still running.{Outputs()}");
            var witness = folder.ReadWitness();
            var figures = ReplicaFigures.Of(Ticks, from, to, runs, witness, victimName);
            var shared = ReplicaFigures.Of(Ticks, from, sharedTo, runs, witness, victimName);
            log.WriteLine($"while all three lived: {shared.Describe()}");
            log.WriteLine($"whole test: {figures.Describe()}; {victimName} stopped {stoppedAt:HH:mm:ss.f}, continued {resumedAt:HH:mm:ss.f}");
            var context = $"\n{figures.Describe()}\n{folder.DescribeWitness()}";

            Assert.True(figures.Duplicates.Count == 0, $"slots run twice: {string.Join(", ", figures.Duplicates)}{context}");
            Assert.True(figures.Missing.Count == 0, $"slots never run: {string.Join(", ", figures.Missing)}{context}{Outputs()}");
            Assert.True(figures.Unwitnessed.Count == 0, $"succeeded runs without a witness line: {string.Join(", ", figures.Unwitnessed)}{context}");
            Assert.True(figures.Strangers.Count == 0, $"witness lines that are no run of the store: {string.Join(", ", figures.Strangers)}{context}");
            Assert.True(figures.BadEndings.Count == 0, $"runs that neither succeeded nor were cut by the stall: {string.Join(", ", figures.BadEndings)}{context}");
            Assert.All(Names, name => Assert.True(
                shared.ByInstance.GetValueOrDefault(name) is var count && count >= shared.Slots / 5 && count <= shared.Slots / 2,
                $"{name} ran {shared.ByInstance.GetValueOrDefault(name)} of {shared.Slots} slots while all three lived, not a fifth to a half: {shared.Describe()}"));

            // The run it had when it stalled stays as the takeover recorded it: its late end changed nothing.
            var taken = await store.Runs.GetRunAsync(longRun.Id, default);
            Assert.Equal((RunStatus.Interrupted, victimName), (taken!.Status, taken.Instance));
            Assert.Contains("stopped heartbeating", taken.Error ?? "", StringComparison.Ordinal);
        }
        finally
        {
            foreach (var replica in replicas.Values)
            {
                replica.Dispose();
            }

            KillAll(pids);
        }
    }

    private static async Task<IReadOnlyList<RunRecord>?> SettledTicksAsync(SchedulerStore store, DateTimeOffset to)
    {
        var runs = (await store.Runs.ListRunsAsync(null, 100_000, null, default)).Where(r => Ticks.Contains(r.TaskId)).ToList();
        return runs.Any(r => r.Status == RunStatus.Running && r.SlotUtc <= to) ? null : runs;
    }

    private static DateTimeOffset WholeSecond(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

    private static IEnumerable<(int Pid, long RunId)> ReadPids(string pids) => File.Exists(pids)
        ? File.ReadAllLines(pids).Select(l => l.Split(' ')).Where(p => p.Length == 2)
            .Select(p => (int.Parse(p[0], CultureInfo.InvariantCulture), long.Parse(p[1], CultureInfo.InvariantCulture)))
        : [];

    private static int LongPid(string pids, long runId) => ReadPids(pids).Single(p => p.RunId == runId).Pid;

    /// <summary>Alive and not a zombie waiting to be reaped.</summary>
    private static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state is not ('Z' or 'X');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void KillAll(string pids)
    {
        foreach (var (pid, _) in ReadPids(pids))
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                process.Kill();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                // already gone
            }
        }
    }
}
