using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Scheduler.State.Sqlite;
using Scheduler.State.Store;

namespace Scheduler.State.Tests.Support;

/// <summary>
/// The entry point of this assembly when a test starts it as a child process: it begins the store's
/// real migration and freezes in the middle of it (EF's lock row taken, schema half written), waiting
/// to be killed with SIGKILL. The test runner never calls it.
/// </summary>
internal static class LockHolderProgram
{
    public const string Command = "freeze-while-migrating";
    public const string FrozenSignal = "frozen";

    public static async Task<int> Main(string[] args)
    {
        if (args is not [Command, var dataDirectory])
        {
            await Console.Error.WriteLineAsync($"usage: {Command} DATA_DIRECTORY");
            return 2;
        }

        var provider = new SqliteStoreProvider(new StoreOptions { DataDirectory = dataDirectory }, NullLogger.Instance);
        var builder = new DbContextOptionsBuilder<SchedulerDbContext>();
        provider.Configure(builder);
        builder.AddInterceptors(new FreezeInterceptor());
        await using var context = new SchedulerDbContext(builder.Options);
        await provider.MigrateAsync(context, CancellationToken.None);
        return 1;
    }

    private sealed class FreezeInterceptor : DbCommandInterceptor
    {
        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("CREATE TABLE \"Runs\"", StringComparison.Ordinal))
            {
                await Console.Out.WriteLineAsync(FrozenSignal);
                await Console.Out.FlushAsync(cancellationToken);
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return result;
        }
    }
}
