using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Scheduler.Definitions.Runs;

namespace Scheduler.State.Store;

/// <summary>
/// The end batch: the runs' rows updated by multi-row statements (<c>UPDATE ... FROM (VALUES ...)</c>, which SQLite and
/// PostgreSQL both read, the values cast so PostgreSQL knows their types), then the ended runs' tasks by multi-row updates (RunStore.TaskSummaries.cs).
/// </summary>
/// <remarks>PostgreSQL's path; SQLite's is RunStore.SqliteBatches.cs.</remarks>
public sealed partial class RunStore
{
    // Few rows per statement, as for the claims (RunStore.Claims.cs: binding by name costs the square of the parameters).
    private const int FinishRowsPerUpdate = 8;
    private const int FinishColumns = 7;

    private static readonly string FullFinishSql = FinishRunsSql(FinishRowsPerUpdate);

    private async Task FinishBatchCoreAsync(IReadOnlyList<RunFinish> finishes, bool[] done, List<ChainedRun> chained, CancellationToken cancellationToken)
    {
        for (var i = 0; i < finishes.Count; i++)
        {
            if (finishes[i].Status == RunStatus.Running)
            {
                throw new ArgumentException("A run cannot finish as 'running'.", nameof(finishes));
            }
        }

        if (_provider is Sqlite.SqliteStoreProvider sqlite)
        {
            await FinishBatchSqliteAsync(sqlite, finishes, done, chained, cancellationToken);
            return;
        }

        var taskIds = new string?[finishes.Count];
        var seen = new HashSet<long>();
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await FenceAsync(connection, transaction, finishes, cancellationToken);
        await InChunksAsync(
            finishes.Count,
            FinishRowsPerUpdate,
            rows => FinishCommand(connection, transaction, rows),
            (update, from, count) => FinishRunsAsync(update, finishes, from, count, taskIds, seen, cancellationToken));

        await UpdateFinishedTasksAsync(connection, transaction, FinishTaskWrites.Of(finishes, taskIds), cancellationToken);
        await EndedAsync(connection, transaction, finishes, taskIds, done, chained, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Marks the ends that went through (<paramref name="taskIds"/> not null) and queues the chained runs they start.</summary>
    private static async Task EndedAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<RunFinish> finishes, string?[] taskIds, bool[] done, List<ChainedRun> chained, CancellationToken cancellationToken)
    {
        for (var i = 0; i < finishes.Count; i++)
        {
            if (taskIds[i] is not { } taskId)
            {
                continue; // no longer running: marked interrupted or cancelled by someone else, and that verdict stands
            }

            done[i] = true;
            if (finishes[i].Follows.Count > 0)
            {
                await new ChainQueue(connection, transaction).QueueAsync(finishes[i], taskId, chained, cancellationToken);
            }
        }
    }

    private static async Task FinishRunsAsync(
        DbCommand update, IReadOnlyList<RunFinish> finishes, int from, int count, string?[] taskIds, HashSet<long> seen, CancellationToken cancellationToken)
    {
        var parameters = update.Parameters;
        var rowOf = new Dictionary<long, int>(count);
        for (var row = 0; row < count; row++)
        {
            var finish = finishes[from + row];
            var at = row * FinishColumns;
            // A run named twice ends once, by its first end, as one statement per end would have it; the second row matches nothing.
            parameters[at].Value = seen.Add(finish.RunId) ? finish.RunId : -1L;
            parameters[at + 1].Value = RunNames.Of(finish.Status);
            parameters[at + 2].Value = (object?)finish.ExitCode ?? DBNull.Value;
            parameters[at + 3].Value = (object?)finish.OutputTail ?? DBNull.Value;
            parameters[at + 4].Value = finish.OutputBytes;
            parameters[at + 5].Value = (object?)finish.Error ?? DBNull.Value;
            parameters[at + 6].Value = finish.FinishedAt.ToUnixTimeMilliseconds();
            rowOf.TryAdd(finish.RunId, from + row);
        }

        await using var reader = await update.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (rowOf.TryGetValue(reader.GetInt64(0), out var index))
            {
                taskIds[index] = reader.GetString(1);
            }
        }
    }

    private static DbCommand FinishCommand(DbConnection connection, DbTransaction transaction, int rows) =>
        Command(connection, transaction, rows == FinishRowsPerUpdate ? FullFinishSql : FinishRunsSql(rows), Names(rows * FinishColumns));

    private static string FinishRunsSql(int rows)
    {
        var sql = new StringBuilder("""
            UPDATE "Runs" SET "Status" = v.column2, "ExitCode" = v.column3, "OutputTail" = v.column4, "OutputBytes" = v.column5, "Error" = v.column6, "FinishedAt" = v.column7
            FROM (VALUES
            """);
        for (var row = 0; row < rows; row++)
        {
            var p = row * FinishColumns;
            sql.Append(row == 0 ? "\n" : ",\n").Append(CultureInfo.InvariantCulture,
                $"(CAST(@p{p} AS BIGINT), CAST(@p{p + 1} AS VARCHAR(64)), CAST(@p{p + 2} AS INTEGER), CAST(@p{p + 3} AS TEXT), CAST(@p{p + 4} AS BIGINT), CAST(@p{p + 5} AS TEXT), CAST(@p{p + 6} AS BIGINT))");
        }

        return sql.Append("""
            ) AS v
            WHERE "Runs"."Id" = v.column1 AND "Runs"."Status" = 'running'
            RETURNING "Runs"."Id", "Runs"."TaskId"
            """).ToString();
    }
}
