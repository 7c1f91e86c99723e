using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.Logging.Abstractions;
using Scheduler.State.Sqlite;
using Scheduler.State.Store;

namespace Scheduler.State;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the model with the same SQLite setup as the runtime.
/// The tool never connects for <c>migrations add</c>, so the folder is only a placeholder.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<SchedulerDbContext>
{
    public SchedulerDbContext CreateDbContext(string[] args)
    {
        var options = new StoreOptions { DataDirectory = Path.Combine(Path.GetTempPath(), "scheduler-design-time") };
        var builder = new DbContextOptionsBuilder<SchedulerDbContext>();
        new SqliteStoreProvider(options, NullLogger.Instance).Configure(builder);
        return new SchedulerDbContext(builder.Options);
    }
}
