using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Scheduler.State.Postgres;

/// <summary>
/// Lets <c>dotnet ef migrations add NAME --context PostgresMigrationContext --output-dir Migrations/Postgres</c>
/// build the PostgreSQL model. The tool does not connect for <c>migrations add</c>; the connection string is a placeholder.
/// </summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresMigrationContext>
{
    public PostgresMigrationContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SchedulerDbContext>();
        builder.UseNpgsql("Host=localhost;Database=scheduler_design_time");
        return new PostgresMigrationContext(builder.Options);
    }
}
