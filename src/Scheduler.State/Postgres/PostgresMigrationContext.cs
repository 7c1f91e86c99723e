using Microsoft.EntityFrameworkCore;

namespace Scheduler.State.Postgres;

/// <summary>
/// The same model as <see cref="SchedulerDbContext"/>, as a type of its own so that PostgreSQL's migrations
/// (in <c>Migrations/Postgres</c>) are kept apart from SQLite's: EF Core picks migrations by exact context type.
/// Only used to migrate; the store's units of work use <see cref="SchedulerDbContext"/> on either provider.
/// </summary>
public sealed class PostgresMigrationContext(DbContextOptions<SchedulerDbContext> options) : SchedulerDbContext(options);
