using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Scheduler.State.Sqlite;

/// <summary>
/// One statement of the batch writer, prepared once for the life of its connection and bound by position. What
/// Microsoft.Data.Sqlite does per execution and per parameter (look the name up, encode it, check the type, make a
/// reader) was most of a claim's cost at thousands of runs a second; here a run costs its binds and one step.
/// </summary>
/// <remarks>Not thread-safe: the batch writer is used by one batch at a time (<c>RunStore</c>'s turn).</remarks>
internal sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public SqliteStatement(sqlite3 db, string sql)
    {
        _db = db;
        Check(raw.sqlite3_prepare_v3(db, sql, raw.SQLITE_PREPARE_PERSISTENT, out _statement));
    }

    /// <summary>Binds a value to the 1-based parameter <paramref name="index"/> (<c>?1</c>, <c>?2</c>, ...).</summary>
    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    public void Bind(int index, long? value) =>
        Check(value is { } v ? raw.sqlite3_bind_int64(_statement, index, v) : raw.sqlite3_bind_null(_statement, index));

    // UTF-16 straight from the string: no encoded copy on our side.
    public void Bind(int index, string? value) =>
        Check(value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text16(_statement, index, value.AsSpan()));

    /// <summary>Runs the statement up to its first row: true when there is one (read it, then <see cref="Reset"/>).</summary>
    public bool Step()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        if (rc != raw.SQLITE_DONE)
        {
            // The reset returns the same error; the exception carries SQLite's message and extended code.
            raw.sqlite3_reset(_statement);
            SqliteException.ThrowExceptionForRC(rc, _db);
        }

        return false;
    }

    /// <summary>Runs a statement that returns no row and resets it.</summary>
    public void Execute()
    {
        try
        {
            Step();
        }
        finally
        {
            Reset();
        }
    }

    public long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

    public string Text(int column) => raw.sqlite3_column_text(_statement, column).utf8_to_string();

    /// <summary>Ends the execution (a write statement left stepping would keep the transaction from committing).</summary>
    public void Reset() => raw.sqlite3_reset(_statement);

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
