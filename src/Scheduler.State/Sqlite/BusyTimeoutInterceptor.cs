using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Scheduler.State.Sqlite;

/// <summary>
/// Sets SQLite's own busy timeout on every opened connection. Microsoft.Data.Sqlite retries a busy
/// statement in coarse sleeps up to the command timeout; SQLite's busy handler waits for the lock
/// itself, so racing writers (claims from several processes) queue instead of failing.
/// </summary>
internal sealed class BusyTimeoutInterceptor(TimeSpan timeout) : DbConnectionInterceptor
{
    private readonly string _pragma = string.Create(
        CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(long)timeout.TotalMilliseconds};");

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
