using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;
using Scheduler.State.Store;

namespace Scheduler.State.Postgres;

/// <summary>
/// PostgreSQL: one database shared by several replicas. Migrations run under a session advisory lock, so
/// replicas that start together migrate one after the other, and a replica killed mid-migration frees the
/// lock with its connection.
/// </summary>
internal sealed class PostgresStoreProvider : IStoreProvider
{
    // An arbitrary constant, the same in every replica: "scheduler migrations" as a 64-bit advisory lock key.
    private const long MigrationLockKey = 0x5C4E_D01E_0000_0001;
    private const long ReconcileLockKey = 0x5C4E_D01E_0000_0002;

    private readonly string _connectionString;
    private readonly ILogger _logger;

    public PostgresStoreProvider(StoreOptions options, ILogger logger)
    {
        var builder = PostgresConnection.Parse(options.Connection);
        _connectionString = builder.ConnectionString;
        Description = PostgresConnection.Describe(builder);
        _logger = logger;
    }

    public string Description { get; }

    public void Configure(DbContextOptionsBuilder builder) => builder.UseNpgsql(_connectionString);

    public async Task MigrateAsync(SchedulerDbContext context, CancellationToken cancellationToken)
    {
        // EF Core's own Npgsql migration lock (LOCK TABLE on the history table) needs that table to exist
        // first; two replicas creating it at once can still collide. The advisory lock covers that too.
        await using var connection = new NpgsqlConnection(_connectionString);
        await PostgresConnection.OpenAsync(connection, Description, cancellationToken);
        await using (var tryLock = new NpgsqlCommand($"SELECT pg_try_advisory_lock({MigrationLockKey})", connection))
        {
            if (await tryLock.ExecuteScalarAsync(cancellationToken) is not true)
            {
                StoreLog.WaitingForMigrationLock(_logger, Description);
                await using var waitLock = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", connection) { CommandTimeout = 0 };
                await waitLock.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await using var migrating = new PostgresMigrationContext(context.Options);
        await migrating.Database.MigrateAsync(cancellationToken);

        // Closing the connection would release it too; saying so keeps the pooled session clean.
        await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLockKey})", connection);
        await unlock.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IDbContextTransaction?> BeginReconcileAsync(SchedulerDbContext context, CancellationToken cancellationToken)
    {
        // A transaction-scoped advisory lock: released at commit or rollback, and with the connection if the replica dies.
        var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        await context.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({ReconcileLockKey})", cancellationToken);
        return transaction;
    }

    public bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public async Task VacuumAsync(SchedulerDbContext context, CancellationToken cancellationToken) =>
        // Autovacuum does the routine work; this also refreshes the planner's statistics after a retention sweep.
        await context.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE);", cancellationToken);

    public void ReleaseConnections()
    {
        using var connection = new NpgsqlConnection(_connectionString);
        NpgsqlConnection.ClearPool(connection);
    }
}
