using Scheduler.Definitions.Diagnostics;
using Scheduler.Definitions.Model;
using Scheduler.Definitions.Runs;
using Scheduler.Engine.Planning;
using Scheduler.State.Store;

namespace Scheduler.Tests.Replicas;

/// <summary>
/// A concurrency group's admission on PostgreSQL, store to store: two replicas that admit the same group at the same
/// moment, again and again, never have more of its runs running than its limit, and start them in slot order.
/// </summary>
[Collection(PostgresReplicas.Name)]
public sealed class GroupAdmissionOnPostgresTests(PostgresServer postgres)
{
    private static readonly DateTimeOffset Slot = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Two_replicas_admitting_one_group_at_once_never_run_more_than_its_limit_and_start_in_slot_order(int limit)
    {
        var options = new StoreOptions { Kind = StoreKind.Postgres, Connection = await postgres.CreateDatabaseAsync("admit") };
        await using var a = await SchedulerStore.OpenAsync(options);
        await using var b = await SchedulerStore.OpenAsync(options);
        var group = new ConcurrencyDefinition("db", limit, new SourcePosition(1, 1));
        var claims = Enumerable.Range(0, 12)
            .Select(i => new SlotClaim(i % 2 == 0 ? "a" : "b", Slot.AddSeconds(i), 1, RunTrigger.Schedule, "r", Slot) { Concurrency = group })
            .ToList();
        var ids = await a.Runs.ClaimBatchAsync(claims, [], "a", default);
        Assert.All(ids, id => Assert.NotNull(id));
        var members = new Dictionary<string, GroupMember> { ["a"] = new(null), ["b"] = new(null) };
        IReadOnlyList<GroupMove> Decide(GroupSnapshot snapshot, DateTimeOffset at) => ConcurrencyRule.Admit(snapshot, limit, members.GetValueOrDefault, at);

        var started = new List<GroupRun>();
        for (var round = 0; started.Count < claims.Count && round < 50; round++)
        {
            var both = await Task.WhenAll(
                a.Runs.AdmitGroupAsync("db", "a", TimeProvider.System, Decide, default),
                b.Runs.AdmitGroupAsync("db", "b", TimeProvider.System, Decide, default));
            var now = both.SelectMany(s => s).ToList();
            var running = (await a.Runs.ListRunningAsync(default)).Count;
            Assert.True(running <= limit, $"round {round}: {running} runs of a group of limit {limit} are running");
            started.AddRange(now.OrderBy(r => r.SlotUtc));

            // End what runs, as its replica would, to free the places for the next round.
            var ends = now.Select(r => new RunFinish(r.RunId, RunStatus.Succeeded, 0, "", 0, null, Slot.AddMinutes(round + 1))).ToList();
            await a.Runs.FinishBatchAsync(ends, default);
        }

        Assert.Equal(ids.Select(id => id!.Value), started.Select(r => r.RunId));
    }
}
