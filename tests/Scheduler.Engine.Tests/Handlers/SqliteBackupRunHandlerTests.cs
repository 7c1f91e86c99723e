using Microsoft.Data.Sqlite;
using Scheduler.Definitions.Model;
using Scheduler.Definitions.Runs;
using Scheduler.Engine.Handlers;

namespace Scheduler.Engine.Tests.Handlers;

/// <summary>sqlite-backup of real database files, while another connection keeps writing.</summary>
public sealed class SqliteBackupRunHandlerTests : IDisposable
{
    private readonly SqliteBackupRunHandler _handler = new();
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_live_database_is_copied_whole_while_it_is_being_written()
    {
        var database = _folder.File("app.db");
        await using var writer = await CreateDatabaseAsync(database, rows: 20_000);
        using var stopWriting = new CancellationTokenSource();
        var writes = KeepWritingAsync(writer, stopWriting.Token);
        var context = HandlerRuns.Context(HandlerRuns.Task(new SqliteBackupHandler(database, _folder.File("backups"), 7)));

        var outcome = await _handler.RunAsync(context, CancellationToken.None);
        await stopWriting.CancelAsync();
        var written = await writes;

        Assert.Equal(new HandlerOutcome(RunStatus.Succeeded), outcome);
        Assert.True(written > 0, "the writer never wrote during the test");
        var backup = _folder.File("backups/app-20261025T003000Z.db");
        Assert.StartsWith($"backed up {database} to {backup} (", context.Output.ToText(), StringComparison.Ordinal);
        await using var copy = new SqliteConnection($"Data Source={backup};Mode=ReadOnly;Pooling=False");
        await copy.OpenAsync();
        Assert.Equal("ok", await Scalar(copy, "PRAGMA integrity_check"));
        Assert.True((long)(await Scalar(copy, "SELECT count(*) FROM items"))! >= 20_000);
    }

    [Fact]
    public async Task Only_the_newest_keep_backups_remain_and_other_files_are_left_alone()
    {
        var database = _folder.File("app.db");
        await (await CreateDatabaseAsync(database, rows: 10)).DisposeAsync();
        var backups = _folder.File("backups");
        Directory.CreateDirectory(backups);
        await File.WriteAllTextAsync(Path.Join(backups, "notes.txt"), "mine");
        await File.WriteAllTextAsync(Path.Join(backups, "other-20200101T000000Z.db"), "another database's backup");
        var task = HandlerRuns.Task(new SqliteBackupHandler(database, backups, 3));

        foreach (var day in new[] { 20, 21, 22, 23, 24 })
        {
            var outcome = await _handler.RunAsync(HandlerRuns.Context(task, slot: new DateTimeOffset(2026, 10, day, 2, 30, 0, TimeSpan.Zero)), CancellationToken.None);
            Assert.Equal(RunStatus.Succeeded, outcome.Status);
        }

        // A retry of the newest slot replaces its file instead of adding one.
        var retry = HandlerRuns.Context(task, slot: new DateTimeOffset(2026, 10, 24, 2, 30, 0, TimeSpan.Zero), attempt: 2, trigger: RunTrigger.Retry);
        Assert.Equal(RunStatus.Succeeded, (await _handler.RunAsync(retry, CancellationToken.None)).Status);

        Assert.Equal(
            ["app-20261022T023000Z.db", "app-20261023T023000Z.db", "app-20261024T023000Z.db", "notes.txt", "other-20200101T000000Z.db"],
            Directory.GetFiles(backups).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_missing_database_fails_and_is_not_created()
    {
        var database = _folder.File("missing.db");

        var outcome = await _handler.RunAsync(HandlerRuns.Context(HandlerRuns.Task(new SqliteBackupHandler(database, _folder.File("backups"), 7))), CancellationToken.None);

        Assert.Equal(HandlerOutcome.Failed($"the database '{database}' does not exist ({database}); nothing was backed up"), outcome);
        Assert.False(File.Exists(database));
    }

    private static async Task<SqliteConnection> CreateDatabaseAsync(string path, int rows)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await Execute(connection, "PRAGMA journal_mode = WAL; CREATE TABLE items (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)");
        await Execute(connection, $"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rows}) INSERT INTO items (payload) SELECT hex(randomblob(200)) FROM n");
        return connection;
    }

    private static async Task<int> KeepWritingAsync(SqliteConnection connection, CancellationToken stop)
    {
        var written = 0;
        while (!stop.IsCancellationRequested)
        {
            await Execute(connection, "INSERT INTO items (payload) VALUES (hex(randomblob(200)))");
            written++;
            await Task.Yield();
        }

        return written;
    }

    private static async Task Execute(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> Scalar(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
