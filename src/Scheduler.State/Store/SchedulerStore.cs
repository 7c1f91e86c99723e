using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Scheduler.State.Postgres;
using Scheduler.State.Sqlite;

namespace Scheduler.State.Store;

/// <summary>An open, migrated state store: the run store the engine calls and a context factory for readers.</summary>
public sealed class SchedulerStore : IAsyncDisposable
{
    private readonly IStoreProvider _provider;

    private SchedulerStore(IStoreProvider provider, SchedulerDbContextFactory contexts)
    {
        _provider = provider;
        Contexts = contexts;
        Runs = new RunStore(contexts, provider);
    }

    public RunStore Runs { get; }

    public IDbContextFactory<SchedulerDbContext> Contexts { get; }

    /// <summary>Where the data lives, e.g. <c>sqlite:/srv/scheduler/data/scheduler.db</c>.</summary>
    public string Description => _provider.Description;

    /// <summary>Opens (creating when missing) <c>scheduler.db</c> in <paramref name="dataDirectory"/> and migrates it.</summary>
    public static Task<SchedulerStore> OpenSqliteAsync(
        string dataDirectory, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default) =>
        OpenAsync(new StoreOptions { Kind = StoreKind.Sqlite, DataDirectory = dataDirectory }, loggerFactory, cancellationToken);

    public static async Task<SchedulerStore> OpenAsync(
        StoreOptions options, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SchedulerStore>();
        var provider = CreateProvider(options, logger);
        StoreLog.Opening(logger, provider.Description);

        var builder = new DbContextOptionsBuilder<SchedulerDbContext>();
        provider.Configure(builder);
        if (loggerFactory is not null)
        {
            builder.UseLoggerFactory(loggerFactory);
        }

        var contexts = new SchedulerDbContextFactory(builder.Options);
        try
        {
            await using var context = contexts.CreateDbContext();
            await provider.MigrateAsync(context, cancellationToken);
        }
        catch
        {
            provider.ReleaseConnections();
            throw;
        }

        return new SchedulerStore(provider, contexts);
    }

    public async ValueTask DisposeAsync()
    {
        await Runs.CloseWriterAsync();
        _provider.ReleaseConnections();
    }

    // The one place that knows which providers exist (`--store sqlite|postgres`).
    private static IStoreProvider CreateProvider(StoreOptions options, ILogger logger) => options.Kind switch
    {
        StoreKind.Sqlite => new SqliteStoreProvider(options, logger),
        StoreKind.Postgres => new PostgresStoreProvider(options, logger),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Kind, "Unknown store kind."),
    };
}
