using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Scheduler.Definitions.Runs;

namespace Scheduler.State.Store;

/// <summary>
/// The claim batch: its runs inserted by multi-row statements, then its tasks' rows by multi-row updates (RunStore.TaskSummaries.cs). At thousands of
/// runs a second the statements' own cost (binding, stepping, the interop) was most of the store's time: a
/// statement per run and two per task (its summary, then its marks) cost several times what the rows do.
/// </summary>
/// <remarks>These provider-neutral statements are PostgreSQL's path; SQLite's is RunStore.SqliteBatches.cs (the same rows, prepared once and bound by position).</remarks>
public sealed partial class RunStore
{
    // Rows per insert statement. Few, on purpose (measured on SQLite when it took this path): Microsoft.Data.Sqlite binds each parameter by name, and SQLite finds a
    // name by walking the statement's list, so binding costs grow with the square of the parameters (50 rows of 13 cost
    // more than 50 statements of one row). 8 rows measured as good as any (docs/performance.md).
    private const int ClaimRowsPerInsert = 8;
    private const int ClaimColumns = 13;

    private const string InsertClaimHead = """
        INSERT INTO "Runs" ("TaskId", "Trigger", "SlotUtc", "Attempt", "Status", "StartedAt", "FinishedAt", "Error", "OutputTail", "OutputBytes", "Revision", "Instance", "PassedToUtc", "PassedCount", "Parameters")
        VALUES
        """;

    // The rows of one statement conflict with each other too: the first one of a (task, slot, attempt) wins, as it
    // would in a statement of its own. RETURNING gives rows in no promised order, so each names its claim.
    private const string InsertClaimTail = """
         ON CONFLICT ("TaskId", "SlotUtc", "Attempt") DO NOTHING
        RETURNING "Id", "TaskId", "SlotUtc", "Attempt"
        """;

    private static readonly string FullInsertSql = InsertClaimSql(ClaimRowsPerInsert);

    private async Task ClaimBatchCoreAsync(
        IReadOnlyList<SlotClaim> claims, IReadOnlyList<TaskAdvance> advances, string instance, long?[] ids, CancellationToken cancellationToken)
    {
        if (_provider is Sqlite.SqliteStoreProvider sqlite)
        {
            await ClaimBatchSqliteAsync(sqlite, claims, advances, instance, ids, cancellationToken);
            return;
        }

        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await FenceAsync(connection, transaction, instance, cancellationToken);
        await InsertAllAsync(connection, transaction, claims, instance, ids, cancellationToken);

        await UpdateClaimedTasksAsync(connection, transaction, ClaimTaskWrites.Of(claims, ids, advances, AdvancesLastSlot), cancellationToken);
        await QueueGroupClaimsAsync(connection, transaction, claims, ids, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Inserts the claims' rows by multi-row statements; a claim of a queued chained run moves that row on instead.</summary>
    private static async Task InsertAllAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<SlotClaim> claims, string instance, long?[] ids, CancellationToken cancellationToken)
    {
        if (await ClaimQueuedAsync(connection, transaction, claims, instance, ids, cancellationToken) is { } rest)
        {
            // Rare (chained runs only): the others are inserted as a batch of their own, their ids put back in place.
            var restIds = new long?[rest.Count];
            await InsertAllAsync(connection, transaction, [.. rest.Select(r => r.Claim)], instance, restIds, cancellationToken);
            for (var i = 0; i < rest.Count; i++)
            {
                ids[rest[i].Index] = restIds[i];
            }

            return;
        }

        await InChunksAsync(
            claims.Count,
            ClaimRowsPerInsert,
            rows => InsertCommand(connection, transaction, rows),
            (insert, from, count) => InsertClaimsAsync(insert, claims, from, count, instance, ids, cancellationToken));
    }

    private static async Task InsertClaimsAsync(
        DbCommand insert, IReadOnlyList<SlotClaim> claims, int from, int count, string instance, long?[] ids, CancellationToken cancellationToken)
    {
        var parameters = insert.Parameters;
        for (var row = 0; row < count; row++)
        {
            var claim = claims[from + row];
            var skipped = claim.SkipReason is not null;
            var at = row * ClaimColumns;
            parameters[at].Value = (object?)claim.TaskId ?? DBNull.Value;
            parameters[at + 1].Value = RunNames.Of(claim.Trigger);
            parameters[at + 2].Value = claim.SlotUtc.ToUnixTimeMilliseconds();
            parameters[at + 3].Value = claim.Attempt;
            parameters[at + 4].Value = RunNames.Of(skipped ? RunStatus.Skipped : RunStatus.Running);
            parameters[at + 5].Value = skipped ? DBNull.Value : claim.StartedAt.ToUnixTimeMilliseconds();
            parameters[at + 6].Value = skipped ? claim.StartedAt.ToUnixTimeMilliseconds() : DBNull.Value;
            parameters[at + 7].Value = (object?)claim.SkipReason ?? DBNull.Value;
            parameters[at + 8].Value = (object?)claim.Revision ?? DBNull.Value;
            parameters[at + 9].Value = instance;
            parameters[at + 10].Value = (object?)claim.PassedToUtc?.ToUnixTimeMilliseconds() ?? DBNull.Value;
            parameters[at + 11].Value = (object?)claim.PassedCount ?? DBNull.Value;
            parameters[at + 12].Value = (object?)RunParameters.ToJson(claim.Parameters) ?? DBNull.Value;
        }

        await using var reader = await insert.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (id, taskId, slot, attempt) = (reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt32(3));
            for (var i = from; i < from + count; i++)
            {
                var claim = claims[i];
                if (ids[i] is null && claim.Attempt == attempt && claim.SlotUtc.ToUnixTimeMilliseconds() == slot && string.Equals(claim.TaskId, taskId, StringComparison.Ordinal))
                {
                    ids[i] = id;
                    break;
                }
            }
        }
    }

    private static DbCommand InsertCommand(DbConnection connection, DbTransaction transaction, int rows) =>
        Command(connection, transaction, rows == ClaimRowsPerInsert ? FullInsertSql : InsertClaimSql(rows), Names(rows * ClaimColumns));

    private static string InsertClaimSql(int rows)
    {
        var sql = new StringBuilder(InsertClaimHead);
        for (var row = 0; row < rows; row++)
        {
            var p = row * ClaimColumns;
            sql.Append(row == 0 ? "\n" : ",\n").Append(CultureInfo.InvariantCulture,
                $"(@p{p}, @p{p + 1}, @p{p + 2}, @p{p + 3}, @p{p + 4}, @p{p + 5}, @p{p + 6}, @p{p + 7}, '', 0, @p{p + 8}, @p{p + 9}, @p{p + 10}, @p{p + 11}, @p{p + 12})");
        }

        return sql.Append(InsertClaimTail).ToString();
    }
}
