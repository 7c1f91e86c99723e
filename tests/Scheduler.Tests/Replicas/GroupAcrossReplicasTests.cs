using System.Globalization;
using Scheduler.Definitions.Runs;
using Scheduler.State.Entities;
using Scheduler.State.Store;
using Scheduler.Tests.Serve;
using Xunit.Abstractions;

namespace Scheduler.Tests.Replicas;

/// <summary>
/// A concurrency group of limit 1 shared by two tasks on two real serve replicas of one PostgreSQL database: the group's
/// runs never overlap (each run takes a directory with mkdir, which fails if another holds it, and the store's start
/// and end times never cross), none is lost, the waiting ones start in slot order, and one whose starting deadline
/// passes while it waits is skipped with the reason.
/// </summary>
[Collection(PostgresReplicas.Name)]
public sealed class GroupAcrossReplicasTests(PostgresServer postgres, ITestOutputHelper log)
{
    private static readonly TimeSpan Watch = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_group_of_limit_one_never_runs_two_at_once_across_two_replicas_and_its_queued_runs_start_in_slot_order_or_are_skipped_past_their_deadline()
    {
        using var folder = new ServeFolder(log);
        var held = Path.Combine(folder.Root, "held");
        var overlaps = Path.Combine(folder.Root, "overlaps.txt");
        // Each run holds the directory while it works; a second run of the group at the same time would find it there.
        string Body(string seconds) =>
            $"mkdir '{held}' || echo \"$SCHEDULER_RUN_ID\" >> '{overlaps}'; sleep {seconds}; rmdir '{held}'";
        folder.WriteTask("db/slow", $"""
            schedule: "*/5 * * * * *"
            concurrency:
              group: db
              limit: 1
            timeout: 1m
            shell: |
              {Body("2")}
            """);
        folder.WriteTask("db/quick", $"""
            schedule: "* * * * * *"
            concurrency:
              group: db
              limit: 1
            overlap: allow
            starting-deadline: 2s
            timeout: 1m
            shell: |
              {Body("0.2")}
            """);
        var connection = await postgres.CreateDatabaseAsync("groups");
        // No claim grace: both replicas try every slot at once (each task still has an owner), so the group's limit is
        // held against a real race for its places rather than by one owner claiming everything.
        var race = new Dictionary<string, string> { ["Scheduler__Engine__ClaimGrace"] = "00:00:00" };
        using var first = ServeProcess.Start(folder.Root, ["--schedules", folder.Schedules, "--store", "postgres", "--connection", connection, "--instance", "first"], "first", log, race);
        using var second = ServeProcess.Start(folder.Root, ["--schedules", folder.Schedules, "--store", "postgres", "--connection", connection, "--instance", "second"], "second", log, race);
        await Task.WhenAll(first.WaitReadyAsync(TimeSpan.FromSeconds(60)), second.WaitReadyAsync(TimeSpan.FromSeconds(60)));
        await using var store = await SchedulerStore.OpenAsync(new StoreOptions { Kind = StoreKind.Postgres, Connection = connection });
        string Outputs() => $"\n----- first -----\n{first.Output}\n----- second -----\n{second.Output}";

        await Task.Delay(Watch);
        var runs = (await store.Runs.ListRunsAsync("db/slow", 1000, null, default))
            .Concat(await store.Runs.ListRunsAsync("db/quick", 1000, null, default))
            .OrderBy(r => r.SlotUtc).ThenBy(r => r.Id).ToList();
        log.WriteLine(string.Join('\n', runs.Select(Describe)));

        // Never two at once: no run found another's directory, and the store's times never cross.
        Assert.False(File.Exists(overlaps), $"runs {(File.Exists(overlaps) ? File.ReadAllText(overlaps) : "")} started while another run of the group held it.{Outputs()}");
        var ran = runs.Where(r => r.StartedAt is not null && r.Status != RunStatus.Skipped).OrderBy(r => r.StartedAt).ThenBy(r => r.Id).ToList();
        for (var i = 1; i < ran.Count; i++)
        {
            Assert.True(ran[i - 1].FinishedAt is { } end && end <= ran[i].StartedAt,
                $"{Describe(ran[i - 1])} and {Describe(ran[i])} overlap.{Outputs()}");
        }

        // Both replicas ran runs of the group, and both tasks ran.
        Assert.Equal(["first", "second"], ran.Select(r => r.Instance).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["db/quick", "db/slow"], ran.Select(r => r.TaskId).Distinct().Order(StringComparer.Ordinal));

        // In slot order: each run that started had no earlier slot of the group still waiting behind it.
        for (var i = 1; i < ran.Count; i++)
        {
            Assert.True(ran[i - 1].SlotUtc <= ran[i].SlotUtc, $"{Describe(ran[i])} started after {Describe(ran[i - 1])}, whose slot is later.");
        }

        // None lost: every row is a run that ended or runs, a skip with its reason, or waits in the group saying for what.
        Assert.All(runs, r => Assert.True(
            r.Status is RunStatus.Succeeded or RunStatus.Running
            || (r.Status == RunStatus.Queued && r.Error == "waiting for a place in group db (limit 1)")
            || (r.Status == RunStatus.Skipped && r.Error is not null),
            $"{Describe(r)} is not accounted for."));
        Assert.All(runs, r => Assert.Equal("db", r.ConcurrencyGroup));
        Assert.Equal(runs.Count, runs.Select(r => (r.TaskId, r.SlotUtc, r.Attempt)).Distinct().Count());

        // A quick slot that waited behind a slow run for more than its 2s deadline was skipped, saying so.
        Assert.Contains(runs, r => r.TaskId == "db/quick" && r.Status == RunStatus.Skipped
            && r.Error!.StartsWith("no place in group db (limit 1) before the starting deadline (2s after ", StringComparison.Ordinal));
        Assert.DoesNotContain(runs, r => r.Status == RunStatus.Queued && r.SlotUtc < DateTimeOffset.UtcNow - Watch / 2 && r.TaskId == "db/quick");
    }

    private static string Describe(RunRecord r) => string.Create(CultureInfo.InvariantCulture,
        $"#{r.Id} {r.TaskId} slot {r.SlotUtc:HH:mm:ss.fff} {RunNames.Of(r.Status)} on {r.Instance} {r.StartedAt:HH:mm:ss.fff}-{r.FinishedAt:HH:mm:ss.fff} {r.Error}");
}
