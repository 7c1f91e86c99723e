using Scheduler.State.Store;
using Scheduler.Definitions.Runs;

namespace Scheduler.Tests.Replicas;

/// <summary>
/// A chain waiting for all on PostgreSQL: two replicas that write the ends of the last two upstreams at the same moment
/// queue the downstream run once, never twice and never not at all (the downstream's task row is locked first).
/// </summary>
[Collection(PostgresReplicas.Name)]
public sealed class ChainsOnPostgresTests(PostgresServer postgres)
{
    private static readonly DateTimeOffset Slot = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static readonly ChainFollow AllReport = new("report", "r", "a", WaitForAll: true,
        [new ChainUpstream("a", ["succeeded"], 0), new ChainUpstream("b", ["succeeded"], 0)]);

    [Fact]
    public async Task Two_replicas_ending_the_last_two_upstreams_at_once_queue_the_downstream_of_a_chain_waiting_for_all_once_per_round()
    {
        var options = new StoreOptions { Kind = StoreKind.Postgres, Connection = await postgres.CreateDatabaseAsync("chainall") };
        await using var first = await SchedulerStore.OpenAsync(options);
        await using var second = await SchedulerStore.OpenAsync(options);
        foreach (var id in new[] { "a", "b", "report" })
        {
            await first.Runs.UpsertTaskAsync(
                new AppliedDefinition(id, $"schedules/{id}.yaml", "schedule:\n  cron: \"30 2 * * *\"\ncommand: [\"true\"]\n", "hash", "r", null), Slot.AddDays(-1), default);
        }

        const int Rounds = 15;
        for (var round = 0; round < Rounds; round++)
        {
            var slot = Slot.AddMinutes(round);
            var a = (await first.Runs.TryClaimAsync("a", slot, 1, RunTrigger.Schedule, "r", "first", slot, default))!.Value;
            var b = (await second.Runs.TryClaimAsync("b", slot, 1, RunTrigger.Schedule, "r", "second", slot, default))!.Value;
            var chainedFirst = new List<ChainedRun>();
            var chainedSecond = new List<ChainedRun>();

            await Task.WhenAll(
                first.Runs.FinishBatchAsync([End(a, slot)], default, chainedFirst),
                second.Runs.FinishBatchAsync([End(b, slot)], default, chainedSecond));

            Assert.True(chainedFirst.Count + chainedSecond.Count == 1,
                $"round {round}: the ends of a and b queued {chainedFirst.Count + chainedSecond.Count} downstream runs");
        }

        var queued = await first.Runs.ListQueuedChainedAsync(Slot.AddDays(1), default);
        Assert.Equal(Rounds, queued.Count);
        Assert.All(queued, q => Assert.Equal("report", q.TaskId));
    }

    private static RunFinish End(long id, DateTimeOffset slot) =>
        new(id, RunStatus.Succeeded, 0, "", 0, null, slot.AddSeconds(30)) { Follows = [AllReport] };
}
