using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Scheduler.State.Sqlite;

/// <summary>
/// The connection of the claim and end batches on SQLite: opened once and kept, with their statements prepared once
/// on it (<see cref="SqliteStatement"/>). A batch per pooled connection re-prepared every statement and re-bound every
/// parameter by name; SQLite has one writer at a time anyway, and the batches already take turns in-process.
/// </summary>
/// <remarks>
/// Durability is the file's and the library's defaults, as for every other connection: WAL (set at migration),
/// <c>synchronous=FULL</c>. A batch that fails closes the writer (<c>RunStore</c> drops it), so a store that was
/// briefly unwritable, replaced or locked gets a fresh connection at the next batch.
/// </remarks>
internal sealed class SqliteWriter : IDisposable
{
    private readonly Dictionary<string, SqliteStatement> _statements = new(StringComparer.Ordinal);
    private readonly Store.PageLimit? _limit;

    public SqliteWriter(string connectionString, TimeSpan busyTimeout, Store.PageLimit? limit)
    {
        // Its own connection, not a pooled one: closing it closes the file (ReleaseConnections, a failed batch).
        Connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        _limit = limit;
        try
        {
            Connection.Open();
            Exec(string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds};"));
        }
        catch
        {
            Connection.Dispose();
            throw;
        }
    }

    /// <summary>For the rare statements of a batch (chained and grouped runs, the fence), run as ordinary commands.</summary>
    public SqliteConnection Connection { get; }

    /// <summary>The row count of the last insert, update or delete on this connection.</summary>
    public int Changes => raw.sqlite3_changes(Connection.Handle);

    public long LastInsertRowId => raw.sqlite3_last_insert_rowid(Connection.Handle);

    /// <summary>Starts a batch's transaction (<c>BEGIN IMMEDIATE</c>: a batch writes, so it takes the write lock first).</summary>
    public SqliteTransaction Begin()
    {
        if (_limit is not null)
        {
            // A test's full disk: the cap is per connection, and this one lives on, so it is applied per batch.
            Exec(string.Create(CultureInfo.InvariantCulture, $"PRAGMA max_page_count = {_limit.MaxPages ?? 1_073_741_823};"));
        }

        return Connection.BeginTransaction();
    }

    /// <summary>The statement of <paramref name="sql"/>, prepared at its first use.</summary>
    public SqliteStatement Statement(string sql)
    {
        if (!_statements.TryGetValue(sql, out var statement))
        {
            _statements.Add(sql, statement = new SqliteStatement(Connection.Handle!, sql));
        }

        return statement;
    }

    public void Dispose()
    {
        // Statements first: a connection closes only once its statements are finalized.
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        _statements.Clear();
        Connection.Dispose();
    }

    private void Exec(string sql)
    {
        var rc = raw.sqlite3_exec(Connection.Handle, sql);
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, Connection.Handle);
        }
    }
}
