namespace Scheduler.State.Store;

/// <summary>How to open the state store. The defaults are what <c>scheduler serve</c> uses with no arguments.</summary>
public sealed record StoreOptions
{
    public const string DefaultDataDirectory = "./data";

    public StoreKind Kind { get; init; } = StoreKind.Sqlite;

    /// <summary>The folder that holds <c>scheduler.db</c>; created when missing.</summary>
    public string DataDirectory { get; init; } = DefaultDataDirectory;

    /// <summary>How long a write waits for another writer before failing (SQLite allows one writer at a time).</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public bool Pooling { get; init; } = true;

    /// <summary>SQLite only: a size cap that makes writes fail as a full disk does (see <see cref="Store.PageLimit"/>).</summary>
    public PageLimit? PageLimit { get; init; }

    /// <summary>The PostgreSQL connection string (keyword=value pairs); only for <see cref="StoreKind.Postgres"/>.</summary>
    public string? Connection { get; init; }
}
