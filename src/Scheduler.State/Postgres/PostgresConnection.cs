using System.Globalization;
using Npgsql;
using Scheduler.State.Store;

namespace Scheduler.State.Postgres;

/// <summary>Checks a connection string and opens a first connection, with messages that say what to fix.</summary>
internal static class PostgresConnection
{
    private const string Example = "Host=db.example;Database=scheduler;Username=scheduler;Password=…";

    public static NpgsqlConnectionStringBuilder Parse(string? connection)
    {
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new StoreUnavailableException(
                $"--store postgres needs a connection string: pass --connection \"{Example}\" or set Scheduler:Store:Connection (environment: Scheduler__Store__Connection).");
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connection);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            throw new StoreUnavailableException(
                $"The PostgreSQL connection string is not valid: {e.Message} Write it as keyword=value pairs separated by ';', e.g. \"{Example}\".");
        }

        if (string.IsNullOrEmpty(builder.Host) || string.IsNullOrEmpty(builder.Database))
        {
            throw new StoreUnavailableException(
                $"The PostgreSQL connection string '{Describe(builder)}' names no {(string.IsNullOrEmpty(builder.Host) ? "Host" : "Database")}: give both, e.g. \"{Example}\".");
        }

        return builder;
    }

    /// <summary>Where the data lives without the password, e.g. <c>postgres:db.example:5432/scheduler</c>.</summary>
    public static string Describe(NpgsqlConnectionStringBuilder builder) =>
        string.Create(CultureInfo.InvariantCulture, $"postgres:{builder.Host}:{builder.Port}/{builder.Database}");

    public static async Task OpenAsync(NpgsqlConnection connection, string description, CancellationToken cancellationToken)
    {
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw new StoreUnavailableException(
                $"Cannot connect to PostgreSQL at {description}: {e.Message} Check that the server runs and accepts connections from this host, and the user, password and database in the connection string.",
                e);
        }
    }
}
