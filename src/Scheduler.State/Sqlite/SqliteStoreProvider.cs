using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Scheduler.State.Store;

namespace Scheduler.State.Sqlite;

/// <summary>SQLite: one file in the data folder, WAL journal, a busy timeout, and a migration that survives a killed start.</summary>
internal sealed class SqliteStoreProvider : IStoreProvider
{
    public const string DatabaseFileName = "scheduler.db";

    // SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY (extended result codes).
    private const int ConstraintUnique = 2067;
    private const int ConstraintPrimaryKey = 1555;

    private readonly string _databasePath;
    private readonly string _connectionString;
    private readonly BusyTimeoutInterceptor _busyTimeout;
    private readonly StoreOptions _options;
    private readonly ILogger _logger;

    public SqliteStoreProvider(StoreOptions options, ILogger logger)
    {
        var directory = Path.GetFullPath(options.DataDirectory);
        Directory.CreateDirectory(directory);
        _databasePath = Path.Combine(directory, DatabaseFileName);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
            Pooling = options.Pooling,
        }.ToString();
        _busyTimeout = new BusyTimeoutInterceptor(options.BusyTimeout, options.PageLimit);
        _options = options;
        _logger = logger;
    }

    public string Description => "sqlite:" + _databasePath;

    public void Configure(DbContextOptionsBuilder builder) =>
        builder.UseSqlite(_connectionString).AddInterceptors(_busyTimeout);

    /// <summary>Opens the connection of the claim and end batches (<see cref="SqliteWriter"/>).</summary>
    public SqliteWriter OpenWriter() => new(_connectionString, _options.BusyTimeout, _options.PageLimit);

    public async Task MigrateAsync(SchedulerDbContext context, CancellationToken cancellationToken)
    {
        // EF Core (9+) serialises migrations with a row in __EFMigrationsLock and polls, forever, until
        // it can insert that row. A process killed while migrating leaves the row behind, and every later
        // start would hang. Our own OS file lock is released by the kernel when its holder dies, so under
        // it any lock row is a leftover of a dead process and safe to delete.
        using var fileLock = await MigrationFileLock.AcquireAsync(_databasePath + ".migrate.lock", _logger, cancellationToken);
        await EnableWalAsync(cancellationToken);
        await ClearStaleMigrationLockAsync(cancellationToken);
        await context.Database.MigrateAsync(cancellationToken);
    }

    // SQLite has one writer at a time, and a transaction that reads first could not upgrade to write while
    // another process writes; reconcile writes stay single conditional statements there.
    public Task<IDbContextTransaction?> BeginReconcileAsync(SchedulerDbContext context, CancellationToken cancellationToken) =>
        Task.FromResult<IDbContextTransaction?>(null);

    public bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is SqliteException { SqliteExtendedErrorCode: ConstraintUnique or ConstraintPrimaryKey };

    public async Task VacuumAsync(SchedulerDbContext context, CancellationToken cancellationToken)
    {
        // VACUUM rewrites the main file; the checkpoint then empties the WAL so the disk space is really returned.
        await context.Database.ExecuteSqlRawAsync("VACUUM;", cancellationToken);
        await context.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
    }

    public void ReleaseConnections()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private async Task EnableWalAsync(CancellationToken cancellationToken)
    {
        // WAL lets the page read while the engine writes; the mode is stored in the file, so once is enough.
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        var mode = (string?)await command.ExecuteScalarAsync(cancellationToken) ?? "";
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            StoreLog.NoWal(_logger, _databasePath, mode);
        }
    }

    private async Task ClearStaleMigrationLockAsync(CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock';";
        if ((long)(await exists.ExecuteScalarAsync(cancellationToken) ?? 0L) == 0)
        {
            return;
        }

        await using var stale = connection.CreateCommand();
        stale.CommandText = "DELETE FROM \"__EFMigrationsLock\" RETURNING \"Timestamp\";";
        await using var reader = await stale.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            StoreLog.ClearedStaleMigrationLock(_logger, reader.IsDBNull(0) ? "an unknown time" : reader.GetString(0));
        }
    }
}
