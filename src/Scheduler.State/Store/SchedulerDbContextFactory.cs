using Microsoft.EntityFrameworkCore;

namespace Scheduler.State.Store;

/// <summary>Creates a short-lived context per unit of work, all sharing one set of options.</summary>
public sealed class SchedulerDbContextFactory : IDbContextFactory<SchedulerDbContext>
{
    private readonly DbContextOptions<SchedulerDbContext> _options;

    internal SchedulerDbContextFactory(DbContextOptions<SchedulerDbContext> options) => _options = options;

    public SchedulerDbContext CreateDbContext() => new(_options);
}
