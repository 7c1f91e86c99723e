using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Scheduler.Definitions.Runs;

namespace Scheduler.State.Store;

/// <summary>
/// The one way to claim and the one way to end runs: a batch (of one or many), each as one transaction of
/// prepared statements. A commit (an fsync with SQLite's default synchronous=FULL) per run capped the
/// engine at a few hundred runs per second; one per batch lets it keep up with thousands per second.
/// The unique (task, slot, attempt) insert is the claim (the loser gets null and does nothing), and the
/// conditional updates never go backwards: not the catch-up mark, not the task's last-run summary.
/// </summary>
/// <remarks>Plain SQL (quoted identifiers, <c>ON CONFLICT DO NOTHING RETURNING</c>) that SQLite and PostgreSQL both read.</remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "A SemaphoreSlim whose wait handle is never asked for holds nothing to dispose; the store lives as long as the process.")]
public sealed partial class RunStore
{
    // The claim batches (the engine loop) and the end batches (the finish writer) take turns here, in-process and
    // asynchronously: left to SQLite, the loser of the file lock sleeps in its busy handler, in steps of up to 100 ms.
    private readonly SemaphoreSlim _batchTurn = new(1, 1);

    private const string InsertClaimSql = """
        INSERT INTO "Runs" ("TaskId", "Trigger", "SlotUtc", "Attempt", "Status", "StartedAt", "FinishedAt", "Error", "OutputTail", "OutputBytes", "Revision", "Instance", "PassedToUtc", "PassedCount", "Parameters")
        VALUES (@task, @trigger, @slot, @attempt, @status, @started, @finished, @error, '', 0, @revision, @instance, @passedTo, @passedCount, @parameters)
        ON CONFLICT ("TaskId", "SlotUtc", "Attempt") DO NOTHING
        RETURNING "Id"
        """;

    // Only a newer run replaces the summary; only a later slot moves the catch-up mark.
    private const string ClaimSummarySql = """
        UPDATE "Tasks" SET
          "LastSlotUtc" = CASE WHEN @advance = 1 AND ("LastSlotUtc" IS NULL OR "LastSlotUtc" < @slot) THEN @slot ELSE "LastSlotUtc" END,
          "LastRunStatus" = CASE WHEN "LastRunId" IS NULL OR "LastRunId" < @id THEN 'running' ELSE "LastRunStatus" END,
          "LastRunStartedAt" = CASE WHEN "LastRunId" IS NULL OR "LastRunId" < @id THEN @started ELSE "LastRunStartedAt" END,
          "LastRunFinishedAt" = CASE WHEN "LastRunId" IS NULL OR "LastRunId" < @id THEN NULL ELSE "LastRunFinishedAt" END,
          "LastRunId" = CASE WHEN "LastRunId" IS NULL OR "LastRunId" < @id THEN @id ELSE "LastRunId" END
        WHERE "Id" = @task
        """;

    private const string MarkSql = """
        UPDATE "Tasks" SET "LastSlotUtc" = @slot WHERE "Id" = @task AND ("LastSlotUtc" IS NULL OR "LastSlotUtc" < @slot)
        """;

    private const string AdvanceSql = """
        UPDATE "Tasks" SET
          "LastSlotUtc" = CASE WHEN "LastSlotUtc" IS NULL OR "LastSlotUtc" < @slot THEN @slot ELSE "LastSlotUtc" END,
          "NextSlotUtc" = @next
        WHERE "Id" = @task
        """;

    private const string FinishRunSql = """
        UPDATE "Runs" SET "Status" = @status, "ExitCode" = @exit, "OutputTail" = @tail, "OutputBytes" = @bytes, "Error" = @error, "FinishedAt" = @finished
        WHERE "Id" = @id AND "Status" = 'running'
        RETURNING "TaskId"
        """;

    // Streak: @streak is FailureStreak.Change (1 adds one, 0 resets, -1 keeps); the summary only for the task's newest run.
    private const string FinishTaskSql = """
        UPDATE "Tasks" SET
          "FailureStreak" = CASE @streak WHEN 1 THEN "FailureStreak" + 1 WHEN 0 THEN 0 ELSE "FailureStreak" END,
          "LastRunStatus" = CASE WHEN "LastRunId" = @id THEN @status ELSE "LastRunStatus" END,
          "LastRunFinishedAt" = CASE WHEN "LastRunId" = @id THEN @finished ELSE "LastRunFinishedAt" END
        WHERE "Id" = @task
        """;

    /// <summary>
    /// Claims every run of <paramref name="claims"/> and writes the tasks' <paramref name="advances"/>, in one
    /// transaction. Returns, in order, each claim's run id, or null where the slot was already claimed.
    /// </summary>
    public async Task<long?[]> ClaimBatchAsync(
        IReadOnlyList<SlotClaim> claims, IReadOnlyList<TaskAdvance> advances, string instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(advances);
        foreach (var claim in claims)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(claim.Attempt, 1, nameof(claims));
        }

        var ids = new long?[claims.Count];
        await _batchTurn.WaitAsync(cancellationToken);
        try
        {
            await ClaimBatchCoreAsync(claims, advances, instance, ids, cancellationToken);
        }
        finally
        {
            _batchTurn.Release();
        }

        return ids;
    }

    private async Task ClaimBatchCoreAsync(
        IReadOnlyList<SlotClaim> claims, IReadOnlyList<TaskAdvance> advances, string instance, long?[] ids, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var insert = Command(connection, transaction, InsertClaimSql, "task", "trigger", "slot", "attempt", "status", "started", "finished", "error", "revision", "instance", "passedTo", "passedCount", "parameters");
        await using var summary = Command(connection, transaction, ClaimSummarySql, "advance", "slot", "id", "started", "task");
        await using var mark = Command(connection, transaction, MarkSql, "slot", "task");
        insert.Parameters["instance"].Value = instance;
        for (var i = 0; i < claims.Count; i++)
        {
            var claim = claims[i];
            Set(insert, "task", claim.TaskId);
            Set(insert, "trigger", RunNames.Of(claim.Trigger));
            Set(insert, "slot", claim.SlotUtc.ToUnixTimeMilliseconds());
            Set(insert, "attempt", claim.Attempt);
            var skipped = claim.SkipReason is not null;
            Set(insert, "status", RunNames.Of(skipped ? RunStatus.Skipped : RunStatus.Running));
            Set(insert, "started", skipped ? null : claim.StartedAt.ToUnixTimeMilliseconds());
            Set(insert, "finished", skipped ? claim.StartedAt.ToUnixTimeMilliseconds() : null);
            Set(insert, "error", claim.SkipReason);
            Set(insert, "revision", claim.Revision);
            Set(insert, "passedTo", claim.PassedToUtc?.ToUnixTimeMilliseconds());
            Set(insert, "passedCount", claim.PassedCount);
            Set(insert, "parameters", RunParameters.ToJson(claim.Parameters));
            if (await insert.ExecuteScalarAsync(cancellationToken) is not { } inserted)
            {
                continue; // lost: another run or instance holds this slot
            }

            var id = Convert.ToInt64(inserted, System.Globalization.CultureInfo.InvariantCulture);
            ids[i] = id;
            if (skipped)
            {
                // A skipped slot does not replace the task's last-run summary, but it is handled: the mark moves to it.
                if (AdvancesLastSlot(claim.Trigger))
                {
                    Set(mark, "slot", (claim.PassedToUtc ?? claim.SlotUtc).ToUnixTimeMilliseconds());
                    Set(mark, "task", claim.TaskId);
                    await mark.ExecuteNonQueryAsync(cancellationToken);
                }

                continue;
            }

            Set(summary, "advance", AdvancesLastSlot(claim.Trigger) ? 1 : 0);
            Set(summary, "slot", claim.SlotUtc.ToUnixTimeMilliseconds());
            Set(summary, "id", id);
            Set(summary, "started", claim.StartedAt.ToUnixTimeMilliseconds());
            Set(summary, "task", claim.TaskId);
            await summary.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var advance = Command(connection, transaction, AdvanceSql, "slot", "next", "task");
        foreach (var task in advances)
        {
            Set(advance, "slot", task.LastSlotUtc.ToUnixTimeMilliseconds());
            Set(advance, "next", task.NextSlotUtc?.ToUnixTimeMilliseconds());
            Set(advance, "task", task.TaskId);
            await advance.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Ends every run of <paramref name="finishes"/> in one transaction and updates each task's summary and failure
    /// streak (<see cref="FailureStreak"/>). Returns, in order, whether each run ended here (false: it was no longer
    /// running, e.g. marked interrupted or cancelled by someone else, and that verdict stands).
    /// </summary>
    public async Task<bool[]> FinishBatchAsync(IReadOnlyList<RunFinish> finishes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(finishes);
        var done = new bool[finishes.Count];
        await _batchTurn.WaitAsync(cancellationToken);
        try
        {
            await FinishBatchCoreAsync(finishes, done, cancellationToken);
        }
        finally
        {
            _batchTurn.Release();
        }

        return done;
    }

    private async Task FinishBatchCoreAsync(IReadOnlyList<RunFinish> finishes, bool[] done, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var run = Command(connection, transaction, FinishRunSql, "status", "exit", "tail", "bytes", "error", "finished", "id");
        await using var task = Command(connection, transaction, FinishTaskSql, "streak", "id", "status", "finished", "task");
        for (var i = 0; i < finishes.Count; i++)
        {
            var finish = finishes[i];
            if (finish.Status == RunStatus.Running)
            {
                throw new ArgumentException("A run cannot finish as 'running'.", nameof(finishes));
            }

            var status = RunNames.Of(finish.Status);
            Set(run, "status", status);
            Set(run, "exit", finish.ExitCode);
            Set(run, "tail", finish.OutputTail);
            Set(run, "bytes", finish.OutputBytes);
            Set(run, "error", finish.Error);
            Set(run, "finished", finish.FinishedAt.ToUnixTimeMilliseconds());
            Set(run, "id", finish.RunId);
            if (await run.ExecuteScalarAsync(cancellationToken) is not string taskId)
            {
                continue;
            }

            done[i] = true;
            Set(task, "streak", FailureStreak.Change(finish.Status));
            Set(task, "id", finish.RunId);
            Set(task, "status", status);
            Set(task, "finished", finish.FinishedAt.ToUnixTimeMilliseconds());
            Set(task, "task", taskId);
            await task.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // constant SQL; every value is a parameter
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var name in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static void Set(DbCommand command, string name, object? value) => command.Parameters[name].Value = value ?? DBNull.Value;
}
