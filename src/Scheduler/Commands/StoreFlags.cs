using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Scheduler.Cli;
using Scheduler.State.Store;

namespace Scheduler.Commands;

/// <summary>
/// <c>--store sqlite|postgres</c> and <c>--connection</c>, shared by <c>serve</c>, <c>runs</c> and <c>status</c>; a flag wins
/// over <c>Scheduler:Store:Provider</c> / <c>Scheduler:Store:Connection</c> (env <c>Scheduler__Store__Connection</c>).
/// </summary>
internal sealed class StoreFlags
{
    public Option<string?> Store { get; } = new("--store")
    {
        Description = "The state store: sqlite (default, a file in --data) or postgres (shared by replicas; needs --connection). Or Scheduler:Store:Provider.",
    };

    public Option<string?> Connection { get; } = new("--connection")
    {
        Description = "The PostgreSQL connection string for --store postgres, e.g. \"Host=db;Database=scheduler;Username=scheduler\". Or Scheduler:Store:Connection (env Scheduler__Store__Connection).",
    };

    public (StoreKind Kind, string? Connection) Read(ParseResult result, IConfiguration configuration)
    {
        var connection = result.GetValue(Connection) ?? configuration["Scheduler:Store:Connection"];
        // A connection string alone means PostgreSQL: SQLite has none, so there is nothing else it could be for.
        var kind = Parse(result.GetValue(Store) ?? configuration["Scheduler:Store:Provider"]) ?? (connection is null ? StoreKind.Sqlite : StoreKind.Postgres);
        if (kind == StoreKind.Sqlite && result.GetValue(Connection) is not null)
        {
            throw new CommandFailedException("--connection is for --store postgres; the SQLite store lives in --data.");
        }

        return (kind, connection);
    }

    private static StoreKind? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "sqlite" => StoreKind.Sqlite,
        "postgres" or "postgresql" => StoreKind.Postgres,
        _ => throw new CommandFailedException($"--store '{text}' is not a store: use sqlite (the default) or postgres."),
    };
}
