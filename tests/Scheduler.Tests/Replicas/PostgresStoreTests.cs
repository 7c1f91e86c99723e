using Npgsql;
using Scheduler.Definitions.Runs;
using Scheduler.State.Store;
using Scheduler.Tests.Cli;
using Scheduler.Tests.Serve;

namespace Scheduler.Tests.Replicas;

/// <summary>The store on a real PostgreSQL: migrations when replicas start together, the claim, clear errors.</summary>
[Collection(PostgresReplicas.Name)]
public sealed class PostgresStoreTests(PostgresServer postgres)
{
    [Fact]
    public async Task Three_replicas_opening_a_new_database_at_once_migrate_it_once_and_all_open_it()
    {
        var connection = await postgres.CreateDatabaseAsync("migrate");
        var options = new StoreOptions { Kind = StoreKind.Postgres, Connection = connection };

        var stores = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => SchedulerStore.OpenAsync(options)));

        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        // Every PostgreSQL migration applied once, none twice.
        var shipped = typeof(SchedulerStore).Assembly.GetTypes()
            .Where(t => t.Namespace == "Scheduler.State.Migrations.Postgres" && t.IsSubclassOf(typeof(Microsoft.EntityFrameworkCore.Migrations.Migration)))
            .ToList();
        await using var applied = new NpgsqlCommand("SELECT count(*) FROM \"__EFMigrationsHistory\"", db);
        Assert.True(shipped.Count >= 2, "the PostgreSQL migrations were not found by namespace");
        Assert.Equal((long)shipped.Count, await applied.ExecuteScalarAsync());
        foreach (var store in stores)
        {
            Assert.StartsWith("postgres:127.0.0.1:", store.Description, StringComparison.Ordinal);
            await store.DisposeAsync();
        }
    }

    [Fact]
    public async Task Two_replicas_claiming_the_same_slot_get_one_run_between_them()
    {
        var options = new StoreOptions { Kind = StoreKind.Postgres, Connection = await postgres.CreateDatabaseAsync("claim") };
        await using var a = await SchedulerStore.OpenAsync(options);
        await using var b = await SchedulerStore.OpenAsync(options);
        var slot = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

        var claims = await Task.WhenAll(
            a.Runs.TryClaimAsync("t", slot, 1, RunTrigger.Schedule, "r", "a", slot, default),
            b.Runs.TryClaimAsync("t", slot, 1, RunTrigger.Schedule, "r", "b", slot, default));

        Assert.Single(claims, c => c is not null);
        var run = Assert.Single(await a.Runs.ListRunsAsync(null, 10, null, default));
        Assert.Equal(slot, run.SlotUtc);
    }

    [Fact]
    public async Task A_database_that_does_not_answer_fails_the_start_with_where_and_what_to_check()
    {
        var options = new StoreOptions { Kind = StoreKind.Postgres, Connection = "Host=127.0.0.1;Port=1;Database=scheduler;Timeout=3" };

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => SchedulerStore.OpenAsync(options));

        Assert.StartsWith("Cannot connect to PostgreSQL at postgres:127.0.0.1:1/scheduler:", error.Message, StringComparison.Ordinal);
        Assert.Contains("Check that the server runs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_on_a_database_that_does_not_answer_exits_2_with_the_reason()
    {
        using var folder = new ServeFolder();
        using var serve = ServeProcess.Start(
            folder.Root, ["--schedules", folder.Schedules, "--store", "postgres", "--connection", "Host=127.0.0.1;Port=1;Database=scheduler;Timeout=3"], "unreachable");

        Assert.Equal(2, await serve.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("Cannot connect to PostgreSQL at postgres:127.0.0.1:1/scheduler", serve.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_and_runs_read_a_postgres_store_given_by_flag()
    {
        var connection = await postgres.CreateDatabaseAsync("cli");
        await using (var store = await SchedulerStore.OpenAsync(new StoreOptions { Kind = StoreKind.Postgres, Connection = connection }))
        {
            var slot = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
            await store.Runs.UpsertTaskAsync(new AppliedDefinition("backups/db", "backups/db.yaml", "manual: true", "h1", "r1", null), slot, default);
            await store.Runs.TryClaimAsync("backups/db", slot, 1, RunTrigger.Manual, "r1", "a", slot, default);
        }

        var status = CliRun.Invoke(Path.GetTempPath(), "status", "--store", "postgres", "--connection", connection, "--format", "json");
        var runs = CliRun.Invoke(Path.GetTempPath(), "runs", "--store", "postgres", "--connection", connection);

        Assert.True(status.ExitCode == 0, status.Error);
        Assert.Contains("\"backups/db\"", status.Out, StringComparison.Ordinal);
        Assert.True(runs.ExitCode == 0, runs.Error);
        Assert.Contains("backups/db", runs.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "--store postgres needs a connection string")]
    [InlineData("Hots=db;Database=x", "The PostgreSQL connection string is not valid")]
    [InlineData("Database=x", "names no Host")]
    public async Task A_bad_connection_string_says_what_to_fix(string connection, string expected)
    {
        var options = new StoreOptions { Kind = StoreKind.Postgres, Connection = connection };

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => SchedulerStore.OpenAsync(options));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
