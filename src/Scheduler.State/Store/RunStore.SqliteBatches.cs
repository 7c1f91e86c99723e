using Microsoft.Data.Sqlite;
using Scheduler.Definitions.Runs;
using Scheduler.State.Sqlite;

namespace Scheduler.State.Store;

/// <summary>
/// The claim and end batches on SQLite: the same rows and conditions as the provider-neutral statements
/// (RunStore.Claims.cs, RunStore.Finishes.cs, RunStore.TaskSummaries.cs), written one row per step by statements
/// prepared once on a connection kept for the batches (<see cref="SqliteWriter"/>) and bound by position. With the
/// binding cheap, a row per statement costs less than multi-row statements (no values to match back to the claims).
/// </summary>
/// <remarks>
/// Still one transaction per batch, so one commit (an fsync with <c>synchronous=FULL</c>) per batch, and every claim
/// is a committed <c>running</c> row before its handler starts. The rare statements (chained and grouped runs, the
/// fence) run as ordinary commands on the same connection and transaction.
/// </remarks>
public sealed partial class RunStore
{
    // The claim: the unique (task, slot, attempt) insert; a conflict changes no row, and that claim gets no id.
    private const string InsertClaimRowSql = """
        INSERT INTO "Runs" ("TaskId", "Trigger", "SlotUtc", "Attempt", "Status", "StartedAt", "FinishedAt", "Error", "OutputTail", "OutputBytes", "Revision", "Instance", "PassedToUtc", "PassedCount", "Parameters")
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, '', 0, ?9, ?10, ?11, ?12, ?13)
        ON CONFLICT ("TaskId", "SlotUtc", "Attempt") DO NOTHING
        """;

    // An end: only a run still running ends here (a run named twice ends once, by its first end).
    private const string FinishRunRowSql = """
        UPDATE "Runs" SET "Status" = ?2, "ExitCode" = ?3, "OutputTail" = ?4, "OutputBytes" = ?5, "Error" = ?6, "FinishedAt" = ?7
        WHERE "Id" = ?1 AND "Status" = 'running'
        RETURNING "TaskId"
        """;

    // The tasks' rows: the multi-row statements' assignments, with the values' columns as the parameters' positions.
    private static readonly string ClaimTaskRowSql = OneTaskSql(ClaimTasksSet);
    private static readonly string FinishTaskRowSql = OneTaskSql(FinishTasksSet);

    // Used and replaced only in the batches' turn (_batchTurn); null until the first batch, and after a failed one.
    private SqliteWriter? _writer;

    private Task ClaimBatchSqliteAsync(
        SqliteStoreProvider sqlite, IReadOnlyList<SlotClaim> claims, IReadOnlyList<TaskAdvance> advances, string instance, long?[] ids, CancellationToken cancellationToken) =>
        InWriterAsync(sqlite, async (writer, transaction) =>
        {
            await FenceAsync(writer.Connection, transaction, instance, cancellationToken);
            var rest = await ClaimQueuedAsync(writer.Connection, transaction, claims, instance, ids, cancellationToken);
            var insert = writer.Statement(InsertClaimRowSql);
            for (var k = 0; k < (rest?.Count ?? claims.Count); k++)
            {
                var (index, claim) = rest is null ? (k, claims[k]) : rest[k];
                BindClaim(insert, claim, instance);
                insert.Execute();
                ids[index] = writer.Changes == 1 ? writer.LastInsertRowId : null;
            }

            var task = writer.Statement(ClaimTaskRowSql);
            foreach (var write in ClaimTaskWrites.Of(claims, ids, advances, AdvancesLastSlot))
            {
                task.Bind(1, write.TaskId);
                task.Bind(2, write.Mark is null ? 0 : 1);
                task.Bind(3, write.Mark ?? 0L);
                task.Bind(4, write.SetsNext ? 1 : 0);
                task.Bind(5, write.Next);
                task.Bind(6, write.RunId is null ? 0 : 1);
                task.Bind(7, write.RunId ?? 0L);
                task.Bind(8, write.RunStarted);
                task.Execute();
            }

            await QueueGroupClaimsAsync(writer.Connection, transaction, claims, ids, cancellationToken);
        });

    private Task FinishBatchSqliteAsync(
        SqliteStoreProvider sqlite, IReadOnlyList<RunFinish> finishes, bool[] done, List<ChainedRun> chained, CancellationToken cancellationToken) =>
        InWriterAsync(sqlite, async (writer, transaction) =>
        {
            await FenceAsync(writer.Connection, transaction, finishes, cancellationToken);
            var taskIds = new string?[finishes.Count];
            var update = writer.Statement(FinishRunRowSql);
            for (var i = 0; i < finishes.Count; i++)
            {
                var finish = finishes[i];
                update.Bind(1, finish.RunId);
                update.Bind(2, RunNames.Of(finish.Status));
                update.Bind(3, finish.ExitCode);
                update.Bind(4, finish.OutputTail);
                update.Bind(5, finish.OutputBytes);
                update.Bind(6, finish.Error);
                update.Bind(7, finish.FinishedAt.ToUnixTimeMilliseconds());
                try
                {
                    taskIds[i] = update.Step() ? update.Text(0) : null;
                }
                finally
                {
                    update.Reset();
                }
            }

            var task = writer.Statement(FinishTaskRowSql);
            foreach (var write in FinishTaskWrites.Of(finishes, taskIds))
            {
                task.Bind(1, write.TaskId);
                task.Bind(2, write.ResetsStreak ? 1 : 0);
                task.Bind(3, write.StreakAdded);
                task.Bind(4, write.LastRunId);
                task.Bind(5, write.LastStatus);
                task.Bind(6, write.LastFinished);
                task.Execute();
            }

            await EndedAsync(writer.Connection, transaction, finishes, taskIds, done, chained, cancellationToken);
        });

    /// <summary>Runs <paramref name="batch"/> in a transaction of the batch writer; a batch that fails closes the writer.</summary>
    private async Task InWriterAsync(SqliteStoreProvider sqlite, Func<SqliteWriter, SqliteTransaction, Task> batch)
    {
        var writer = _writer ??= sqlite.OpenWriter();
        try
        {
            await using var transaction = writer.Begin();
            await batch(writer, transaction);
            await transaction.CommitAsync();
        }
        catch
        {
            // Whatever failed (a full disk, a lock held too long, a fence), the next batch starts on a fresh connection.
            _writer = null;
            writer.Dispose();
            throw;
        }
    }

    /// <summary>Closes the batch writer, waiting for a batch in progress (the store is being closed).</summary>
    internal async Task CloseWriterAsync()
    {
        await _batchTurn.WaitAsync();
        try
        {
            _writer?.Dispose();
            _writer = null;
        }
        finally
        {
            _batchTurn.Release();
        }
    }

    private static void BindClaim(SqliteStatement insert, SlotClaim claim, string instance)
    {
        var skipped = claim.SkipReason is not null;
        var at = claim.StartedAt.ToUnixTimeMilliseconds();
        insert.Bind(1, claim.TaskId);
        insert.Bind(2, RunNames.Of(claim.Trigger));
        insert.Bind(3, claim.SlotUtc.ToUnixTimeMilliseconds());
        insert.Bind(4, claim.Attempt);
        insert.Bind(5, RunNames.Of(skipped ? RunStatus.Skipped : RunStatus.Running));
        insert.Bind(6, skipped ? null : at);
        insert.Bind(7, skipped ? at : null);
        insert.Bind(8, claim.SkipReason);
        insert.Bind(9, claim.Revision);
        insert.Bind(10, instance);
        insert.Bind(11, claim.PassedToUtc?.ToUnixTimeMilliseconds());
        insert.Bind(12, claim.PassedCount);
        insert.Bind(13, RunParameters.ToJson(claim.Parameters));
    }

    private static string OneTaskSql(string assignments) =>
        "UPDATE \"Tasks\" SET\n" + assignments.Replace("v.column", "?", StringComparison.Ordinal) + "\nWHERE \"Id\" = ?1";
}
