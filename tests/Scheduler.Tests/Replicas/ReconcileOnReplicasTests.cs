using Scheduler.State.Entities;
using Scheduler.State.Store;

namespace Scheduler.Tests.Replicas;

/// <summary>Every replica reconciles the same definitions into one database: the result is as if one had.</summary>
[Collection(PostgresReplicas.Name)]
public sealed class ReconcileOnReplicasTests(PostgresServer postgres)
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Three_replicas_applying_the_same_change_at_once_store_and_audit_it_once()
    {
        var stores = await OpenThreeAsync("upsert");
        try
        {
            for (var round = 0; round < 10; round++)
            {
                var definition = new AppliedDefinition("t", "t.yaml", $"version {round}", $"hash-{round}", $"rev-{round}", null);
                await Task.WhenAll(stores.Select(s => s.Runs.UpsertTaskAsync(definition, At.AddMinutes(round), default)));
            }

            var audit = await stores[0].Runs.ListAuditAsync(1000, null, default);
            Assert.Equal(10, audit.Count(a => a.Action == AuditActions.ConfigApplied));
            Assert.Equal("hash-9", (await stores[0].Runs.GetTaskAsync("t", default))!.DefinitionHash);
        }
        finally
        {
            await DisposeAsync(stores);
        }
    }

    [Fact]
    public async Task Three_replicas_replacing_the_config_errors_at_once_leave_one_set()
    {
        var stores = await OpenThreeAsync("errors");
        try
        {
            for (var round = 0; round < 10; round++)
            {
                await Task.WhenAll(stores.Select(s => s.Runs.ReplaceConfigErrorsAsync(Errors(3), default)));
            }

            Assert.Equal(3, (await stores[0].Runs.ListConfigErrorsAsync(default)).Count);
        }
        finally
        {
            await DisposeAsync(stores);
        }
    }

    private static IEnumerable<ConfigErrorRecord> Errors(int count) =>
        Enumerable.Range(1, count).Select(i => new ConfigErrorRecord { File = $"bad-{i}.yaml", Line = 1, Column = 1, Code = "SCH001", Severity = "error", Message = "broken" });

    private async Task<SchedulerStore[]> OpenThreeAsync(string prefix)
    {
        var options = new StoreOptions { Kind = StoreKind.Postgres, Connection = await postgres.CreateDatabaseAsync(prefix) };
        var first = await SchedulerStore.OpenAsync(options);
        return [first, await SchedulerStore.OpenAsync(options), await SchedulerStore.OpenAsync(options)];
    }

    private static async Task DisposeAsync(IEnumerable<SchedulerStore> stores)
    {
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }
    }
}
