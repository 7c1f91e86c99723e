using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Scheduler.State.Store;

/// <summary>
/// What differs between database providers: connection, safe migration, error codes, maintenance.
/// Everything else (model, queries, the claim) is provider-neutral: SQLite and PostgreSQL.
/// </summary>
internal interface IStoreProvider
{
    /// <summary>Where the data lives, for logs and the status page (never contains a password).</summary>
    string Description { get; }

    void Configure(DbContextOptionsBuilder builder);

    /// <summary>Brings the schema up to date, safely when several processes start at once or one died migrating.</summary>
    Task MigrateAsync(SchedulerDbContext context, CancellationToken cancellationToken);

    /// <summary>
    /// A transaction in which reconcilers of several processes take turns (read, compare, write), so the same
    /// change is stored and audited once. Null where the provider needs none, or cannot take a read first.
    /// </summary>
    Task<IDbContextTransaction?> BeginReconcileAsync(SchedulerDbContext context, CancellationToken cancellationToken);

    /// <summary>True when the insert lost to an existing row of a unique index (the claim's losing side).</summary>
    bool IsUniqueViolation(DbUpdateException exception);

    Task VacuumAsync(SchedulerDbContext context, CancellationToken cancellationToken);

    /// <summary>Closes pooled connections, so the files can be moved or deleted.</summary>
    void ReleaseConnections();
}
