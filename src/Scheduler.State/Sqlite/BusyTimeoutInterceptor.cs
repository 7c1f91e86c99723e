using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Scheduler.State.Sqlite;

/// <summary>
/// Sets SQLite's own busy timeout on every opened connection. Microsoft.Data.Sqlite retries a busy
/// statement in coarse sleeps up to the command timeout; SQLite's busy handler waits for the lock
/// itself, so racing writers (claims from several processes) queue instead of failing.
/// </summary>
/// <remarks>It also applies a <see cref="Store.PageLimit"/> when one is set (a full disk in tests).</remarks>
internal sealed class BusyTimeoutInterceptor(TimeSpan timeout, Store.PageLimit? limit = null) : DbConnectionInterceptor
{
    private readonly string _busy = string.Create(
        CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(long)timeout.TotalMilliseconds};");

    // SQLite refuses to lower the cap below the file's size and keeps the larger value; a huge value lifts it.
    private string Pragma => limit is null
        ? _busy
        : string.Create(CultureInfo.InvariantCulture, $"{_busy} PRAGMA max_page_count = {limit.MaxPages ?? 1_073_741_823};");

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
