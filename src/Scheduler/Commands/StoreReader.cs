using Scheduler.Cli;
using Scheduler.State.Store;

namespace Scheduler.Commands;

/// <summary>Opens the state store for the read commands (<c>runs</c>, <c>status</c>), which work while <c>serve</c> runs.</summary>
internal static class StoreReader
{
    public static async Task<SchedulerStore> OpenAsync(string data, StoreKind kind, string? connection, CliContext context, CancellationToken cancellationToken)
    {
        if (kind == StoreKind.Postgres)
        {
            try
            {
                return await SchedulerStore.OpenAsync(new StoreOptions { Kind = kind, Connection = connection }, null, cancellationToken);
            }
            catch (StoreUnavailableException e)
            {
                throw new CommandFailedException(e.Message);
            }
        }

        var directory = context.Resolve(data);
        if (!File.Exists(Path.Combine(directory, "scheduler.db")))
        {
            throw new CommandFailedException($"There is no state store in '{data}' (looked for {Path.Combine(directory, "scheduler.db")}); `scheduler serve` creates it.");
        }

        return await SchedulerStore.OpenSqliteAsync(directory, null, cancellationToken);
    }
}
