using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Scheduler.State;
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

    /// <summary>All tasks, retired ones included, in ordinal order of id: the same list (shared, not to be changed) while no task changed.</summary>
    public async Task<IReadOnlyList<TaskRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await store.Contexts.CreateDbContextAsync(cancellationToken);
        // The signature before the rows: a change between the two reads moves the next signature, so it is read again.
        var signature = await SignatureAsync(db, cancellationToken);
        if (_last is { } last && last.Signature == signature)
        {
            return last.Tasks;
        }

        var tasks = await ReadAsync(db, cancellationToken);
        tasks.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id)); // PostgreSQL orders text by its collation
        _last = new Snapshot(signature, tasks);
        return tasks;
    }

    private static async Task<string> SignatureAsync(SchedulerDbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = SignatureSql;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? Join(reader) : "";
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static string Join(DbDataReader reader)
    {
        var parts = new string[reader.FieldCount];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "";
        }

        return string.Join(',', parts);
    }

    private static async Task<List<TaskRecord>> ReadAsync(SchedulerDbContext db, CancellationToken cancellationToken) =>
        await db.Tasks.AsNoTracking()
            .OrderBy(t => t.Id)
            .Select(t => new TaskRecord
            {
                Id = t.Id,
                SourcePath = t.SourcePath,
                DefinitionYaml = "",
                DefinitionHash = t.DefinitionHash,
                Revision = t.Revision,
                State = t.State,
                ConfigError = t.ConfigError,
                NextSlotUtc = t.NextSlotUtc,
                LastSlotUtc = t.LastSlotUtc,
                LastRunId = t.LastRunId,
                LastRunStatus = t.LastRunStatus,
                LastRunStartedAt = t.LastRunStartedAt,
                LastRunFinishedAt = t.LastRunFinishedAt,
                FailureStreak = t.FailureStreak,
                AppliedAt = t.AppliedAt,
                UpdatedAt = t.UpdatedAt,
                IsSystem = t.IsSystem,
            })
            .ToListAsync(cancellationToken);

    private sealed record Snapshot(string Signature, IReadOnlyList<TaskRecord> Tasks);
}
