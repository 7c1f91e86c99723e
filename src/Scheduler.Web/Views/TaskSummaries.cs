using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Scheduler.Definitions.Runs;
using Scheduler.State.Entities;
using Scheduler.State.Store;

namespace Scheduler.Web.Views;

/// <summary>
/// Every task's row without its definition text (<see cref="TaskRecord.DefinitionYaml"/> is empty): the text is
/// most of a task's bytes, and the lists take what they show of it from <see cref="DefinitionViews"/> by hash.
/// The rows are read again only when the table's <see cref="SignatureSql">signature</see> moved: reading 1,000 rows
/// was most of the overview's time, and the page is read far more often than the tasks change.
/// </summary>
internal sealed class TaskSummaries(SchedulerStore store)
{
    // One row of sums over the columns the lists show: every write to a task moves at least one of them (a claim moves
    // the last run and the slots, an end the last run's status and end, a reconcile UpdatedAt, an added or deleted
    // task the count). Instants are Unix milliseconds (integers), so the sums are exact on SQLite and PostgreSQL.
    private const string SignatureSql = """
        SELECT COUNT(*), SUM("UpdatedAt"), SUM("AppliedAt"), SUM(COALESCE("NextSlotUtc", 0)), SUM(COALESCE("LastSlotUtc", 0)),
               SUM(COALESCE("LastRunId", 0)), SUM(COALESCE("LastRunStartedAt", 0)), SUM(COALESCE("LastRunFinishedAt", 0)),
               SUM("FailureStreak"), SUM(LENGTH("State")), SUM(LENGTH(COALESCE("LastRunStatus", ''))), SUM(LENGTH(COALESCE("ConfigError", '')))
        FROM "Tasks"
        """;

    private volatile Snapshot? _last;

    // The columns the lists show, in the order Read takes them; no DefinitionYaml.
    private const string RowsSql = """
        SELECT "Id", "SourcePath", "DefinitionHash", "Revision", "State", "ConfigError", "NextSlotUtc", "LastSlotUtc", "LastRunId",
               "LastRunStatus", "LastRunStartedAt", "LastRunFinishedAt", "FailureStreak", "AppliedAt", "UpdatedAt", "IsSystem"
        FROM "Tasks"
        """;

    /// <summary>All tasks, retired ones included, in ordinal order of id: the same list (shared, not to be changed) while no task changed.</summary>
    public async Task<IReadOnlyList<TaskRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await store.Contexts.CreateDbContextAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // The signature before the rows: a change between the two reads moves the next signature, so it is read again.
            var signature = await SignatureAsync(connection, cancellationToken);
            if (_last is { } last && last.Signature == signature)
            {
                return last.Tasks;
            }

            var tasks = await ReadAsync(connection, cancellationToken);
            tasks.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id)); // PostgreSQL orders text by its collation
            _last = new Snapshot(signature, tasks);
            return tasks;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<string> SignatureAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = SignatureSql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return "";
        }

        var parts = new string[reader.FieldCount];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "";
        }

        return string.Join(',', parts);
    }

    // A plain reader rather than an EF query: on a miss it reads 1,000 rows, and EF's shaping of them (converters,
    // nullable checks per column) cost several times SQLite's own reading. Conversions as the store's converters do them.
    private static async Task<List<TaskRecord>> ReadAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = RowsSql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tasks = new List<TaskRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            tasks.Add(new TaskRecord
            {
                Id = reader.GetString(0),
                SourcePath = reader.GetString(1),
                DefinitionYaml = "",
                DefinitionHash = reader.GetString(2),
                Revision = reader.GetString(3),
                State = TaskStateNames.Parse(reader.GetString(4)),
                ConfigError = reader.IsDBNull(5) ? null : reader.GetString(5),
                NextSlotUtc = Instant(reader, 6),
                LastSlotUtc = Instant(reader, 7),
                LastRunId = reader.IsDBNull(8) ? null : reader.GetInt64(8),
                LastRunStatus = reader.IsDBNull(9) ? null : RunNames.ParseStatus(reader.GetString(9)),
                LastRunStartedAt = Instant(reader, 10),
                LastRunFinishedAt = Instant(reader, 11),
                FailureStreak = reader.GetInt32(12),
                AppliedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(13)),
                UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(14)),
                IsSystem = reader.GetBoolean(15),
            });
        }

        return tasks;
    }

    // Instants are stored as Unix milliseconds (the store's UnixMillisecondsConverter).
    private static DateTimeOffset? Instant(DbDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(column));

    private sealed record Snapshot(string Signature, IReadOnlyList<TaskRecord> Tasks);
}
