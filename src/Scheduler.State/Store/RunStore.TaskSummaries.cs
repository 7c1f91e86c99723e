using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Scheduler.State.Store;

/// <summary>
/// What the claim and end batches write to the tasks' rows, by multi-row statements (<c>UPDATE ... FROM (VALUES ...)</c>,
/// as the ends' run rows): one statement per task per batch was, at thousands of runs a second, a statement per run on
/// each side. The writes are gathered per task first (<see cref="ClaimTaskWrites"/>, <see cref="FinishTaskWrites"/>),
/// because a statement whose values name one row twice updates it once.
/// </summary>
public sealed partial class RunStore
{
    private const int TaskRowsPerUpdate = 8;
    private const int ClaimTaskColumns = 8;
    private const int FinishTaskColumns = 6;

    // A task's summary (only a newer run replaces it), its catch-up mark (only a later slot moves it) and its next
    // slot (when the batch carries one): v.column2..8 are hasMark, mark, setNext, next, hasRun, id, started.
    private const string ClaimTasksSet = """
          "LastSlotUtc" = CASE WHEN v.column2 = 1 AND ("LastSlotUtc" IS NULL OR "LastSlotUtc" < v.column3) THEN v.column3 ELSE "LastSlotUtc" END,
          "NextSlotUtc" = CASE WHEN v.column4 = 1 THEN v.column5 ELSE "NextSlotUtc" END,
          "LastRunStatus" = CASE WHEN v.column6 = 1 AND ("LastRunId" IS NULL OR "LastRunId" < v.column7) THEN 'running' ELSE "LastRunStatus" END,
          "LastRunStartedAt" = CASE WHEN v.column6 = 1 AND ("LastRunId" IS NULL OR "LastRunId" < v.column7) THEN v.column8 ELSE "LastRunStartedAt" END,
          "LastRunFinishedAt" = CASE WHEN v.column6 = 1 AND ("LastRunId" IS NULL OR "LastRunId" < v.column7) THEN NULL ELSE "LastRunFinishedAt" END,
          "LastRunId" = CASE WHEN v.column6 = 1 AND ("LastRunId" IS NULL OR "LastRunId" < v.column7) THEN v.column7 ELSE "LastRunId" END
        """;

    // The streak (v.column2 = 1: reset before adding v.column3) and the summary, only when the task's newest ended run
    // of the batch (v.column4) is its last run: an older one of the same batch cannot be.
    private const string FinishTasksSet = """
          "FailureStreak" = CASE WHEN v.column2 = 1 THEN v.column3 ELSE "FailureStreak" + v.column3 END,
          "LastRunStatus" = CASE WHEN "LastRunId" = v.column4 THEN v.column5 ELSE "LastRunStatus" END,
          "LastRunFinishedAt" = CASE WHEN "LastRunId" = v.column4 THEN v.column6 ELSE "LastRunFinishedAt" END
        """;

    private const string ClaimTasksHead = "UPDATE \"Tasks\" SET\n" + ClaimTasksSet + "\nFROM (VALUES";

    private const string FinishTasksHead = "UPDATE \"Tasks\" SET\n" + FinishTasksSet + "\nFROM (VALUES";

    private const string TasksTail = """
        ) AS v
        WHERE "Tasks"."Id" = v.column1
        """;

    private static readonly string FullClaimTasksSql = ClaimTasksSql(TaskRowsPerUpdate);
    private static readonly string FullFinishTasksSql = FinishTasksSql(TaskRowsPerUpdate);

    private static Task UpdateClaimedTasksAsync(DbConnection connection, DbTransaction transaction, List<ClaimTaskWrites> writes, CancellationToken cancellationToken) =>
        InChunksAsync(
            writes.Count,
            TaskRowsPerUpdate,
            rows => Command(connection, transaction, rows == TaskRowsPerUpdate ? FullClaimTasksSql : ClaimTasksSql(rows), Names(rows * ClaimTaskColumns)),
            async (update, from, count) =>
            {
                var parameters = update.Parameters;
                for (var row = 0; row < count; row++)
                {
                    // Absent values are flagged rather than null: PostgreSQL then always knows the parameters' types.
                    var write = writes[from + row];
                    var at = row * ClaimTaskColumns;
                    parameters[at].Value = write.TaskId;
                    parameters[at + 1].Value = write.Mark is null ? 0 : 1;
                    parameters[at + 2].Value = write.Mark ?? 0L;
                    parameters[at + 3].Value = write.SetsNext ? 1 : 0;
                    parameters[at + 4].Value = (object?)write.Next ?? DBNull.Value;
                    parameters[at + 5].Value = write.RunId is null ? 0 : 1;
                    parameters[at + 6].Value = write.RunId ?? 0L;
                    parameters[at + 7].Value = write.RunStarted;
                }

                await update.ExecuteNonQueryAsync(cancellationToken);
            });

    private static Task UpdateFinishedTasksAsync(DbConnection connection, DbTransaction transaction, List<FinishTaskWrites> writes, CancellationToken cancellationToken) =>
        InChunksAsync(
            writes.Count,
            TaskRowsPerUpdate,
            rows => Command(connection, transaction, rows == TaskRowsPerUpdate ? FullFinishTasksSql : FinishTasksSql(rows), Names(rows * FinishTaskColumns)),
            async (update, from, count) =>
            {
                var parameters = update.Parameters;
                for (var row = 0; row < count; row++)
                {
                    var write = writes[from + row];
                    var at = row * FinishTaskColumns;
                    parameters[at].Value = write.TaskId;
                    parameters[at + 1].Value = write.ResetsStreak ? 1 : 0;
                    parameters[at + 2].Value = write.StreakAdded;
                    parameters[at + 3].Value = write.LastRunId;
                    parameters[at + 4].Value = write.LastStatus;
                    parameters[at + 5].Value = write.LastFinished;
                }

                await update.ExecuteNonQueryAsync(cancellationToken);
            });

    private static string[] Names(int count)
    {
        var names = new string[count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = string.Create(CultureInfo.InvariantCulture, $"@p{i}");
        }

        return names;
    }

    private static string ClaimTasksSql(int rows) => TasksSql(ClaimTasksHead, rows, ClaimTaskColumns, ["TEXT", "INTEGER", "BIGINT", "INTEGER", "BIGINT", "INTEGER", "BIGINT", "BIGINT"]);

    private static string FinishTasksSql(int rows) => TasksSql(FinishTasksHead, rows, FinishTaskColumns, ["TEXT", "INTEGER", "INTEGER", "BIGINT", "VARCHAR(64)", "BIGINT"]);

    // The values are cast so PostgreSQL knows their types (SQLite reads the same casts).
    private static string TasksSql(string head, int rows, int columns, string[] types)
    {
        var sql = new StringBuilder(head);
        for (var row = 0; row < rows; row++)
        {
            sql.Append(row == 0 ? "\n(" : ",\n(");
            for (var column = 0; column < columns; column++)
            {
                sql.Append(column == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"CAST(@p{(row * columns) + column} AS {types[column]})");
            }

            sql.Append(')');
        }

        return sql.Append('\n').Append(TasksTail).ToString();
    }
}
