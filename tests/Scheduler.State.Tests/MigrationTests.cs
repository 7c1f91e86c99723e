using Microsoft.EntityFrameworkCore;
using Scheduler.State.Tests.Support;

namespace Scheduler.State.Tests;

public sealed class MigrationTests
{
    [Fact]
    public async Task Opening_a_new_folder_creates_the_database_with_every_migration_applied()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();

        Assert.True(File.Exists(folder.DatabasePath));
        await using var db = await store.Contexts.CreateDbContextAsync();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task Opening_an_up_to_date_store_again_changes_nothing()
    {
        using var folder = new TempFolder();
        await using (var first = await folder.OpenAsync())
        {
            await first.AddTaskAsync("backups/nightly-db");
        }

        await using var second = await folder.OpenAsync();

        Assert.NotNull(await second.Runs.GetTaskAsync("backups/nightly-db", TestTimeout.Token));
        // Each migration applied once, none twice.
        await using var db = await second.Contexts.CreateDbContextAsync();
        Assert.Equal((long)db.Database.GetMigrations().Count(), await folder.ScalarAsync("SELECT count(*) FROM __EFMigrationsHistory"));
    }

    [Fact]
    public async Task The_database_uses_the_write_ahead_log()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();

        Assert.Equal("wal", await folder.ScalarAsync("PRAGMA journal_mode"));
    }

    [Fact]
    public async Task Every_connection_waits_five_seconds_for_a_busy_writer()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();
        await using var db = await store.Contexts.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA busy_timeout";

        Assert.Equal(5000L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task The_model_has_no_changes_missing_from_the_committed_migrations()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();
        await using var db = await store.Contexts.CreateDbContextAsync();

        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add <Name> --project src/Scheduler.State");
    }
}
