using Microsoft.EntityFrameworkCore;
using Scheduler.Definitions.Runs;
using Scheduler.State.Conversion;
using Scheduler.State.Entities;

namespace Scheduler.State;

/// <summary>The scheduler's state: tasks, runs, audit, config errors, serving instances, notifications and pauses. Provider-neutral.</summary>
/// <remarks>
/// Not sealed only so that each provider's migrations can be keyed to a type of their own
/// (<see cref="Postgres.PostgresMigrationContext"/>): EF Core finds migrations by exact context type.
/// </remarks>
public class SchedulerDbContext(DbContextOptions<SchedulerDbContext> options) : DbContext(options)
{
    /// <summary>The options this context was made with, so a provider can open its migration context on the same connection settings.</summary>
    internal DbContextOptions<SchedulerDbContext> Options { get; } = options;

    public DbSet<TaskRecord> Tasks => Set<TaskRecord>();

    public DbSet<RunRecord> Runs => Set<RunRecord>();

    public DbSet<AuditRecord> Audit => Set<AuditRecord>();

    public DbSet<ConfigErrorRecord> ConfigErrors => Set<ConfigErrorRecord>();

    public DbSet<InstanceRecord> Instances => Set<InstanceRecord>();

    public DbSet<NotificationRecord> Notifications => Set<NotificationRecord>();

    public DbSet<PauseRecord> Pauses => Set<PauseRecord>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // One rule per type, so no entity can store an instant or an enum differently from the others.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
        configurationBuilder.Properties<RunStatus>().HaveConversion<RunStatusConverter>();
        configurationBuilder.Properties<RunTrigger>().HaveConversion<RunTriggerConverter>();
        configurationBuilder.Properties<TaskState>().HaveConversion<TaskStateConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SchedulerDbContext).Assembly);
}
