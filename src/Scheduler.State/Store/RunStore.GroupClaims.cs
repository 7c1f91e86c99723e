using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Scheduler.Definitions.Runs;

namespace Scheduler.State.Store;

/// <summary>
/// Concurrency groups in the store. A claimed run of a group is written <c>queued</c> (in the claim's own transaction,
/// with what it waits for); only a group's admission moves it to <c>running</c>, under the group's lock, after counting
/// the group's running runs on every replica. So two replicas that both see one free place cannot both take it: the
/// second waits for the first's lock and then counts the first's run.
/// </summary>
public sealed partial class RunStore
{
    private const string QueueGroupRunSql = """
        UPDATE "Runs" SET "Status" = 'queued', "StartedAt" = NULL, "Error" = @waiting, "ConcurrencyGroup" = @group
        WHERE "Id" = @id AND "Status" = 'running'
        """;

    private const string QueueGroupTaskSql = """UPDATE "Tasks" SET "LastRunStatus" = 'queued', "LastRunStartedAt" = NULL WHERE "Id" = @task AND "LastRunId" = @id""";

    // PostgreSQL: a transaction-scoped advisory lock per group (released by the commit). The first key keeps these
    // locks apart from any other advisory lock; hashtext may give two groups one key, which only makes them take turns.
    private const string LockGroupPostgresSql = """SELECT pg_advisory_xact_lock(1062, hashtext(@group))""";

    // SQLite: a write first takes the database's write lock for the whole transaction (one writer at a time).
    private const string LockGroupSqliteSql = """UPDATE "Runs" SET "ConcurrencyGroup" = @group WHERE "Id" = -1""";

    private const string CountRunningSql = """SELECT COUNT(*) FROM "Runs" WHERE "ConcurrencyGroup" = @group AND "Status" = 'running'""";

    private const string ListQueuedSql = """
        SELECT "Id", "TaskId", "SlotUtc", "Attempt", "Trigger", "Instance", "Parameters" FROM "Runs"
        WHERE "ConcurrencyGroup" = @group AND "Status" = 'queued'
        ORDER BY "SlotUtc", "Id"
        LIMIT 1000
        """;

    private const string StartGroupRunSql = """
        UPDATE "Runs" SET "Status" = 'running', "StartedAt" = @now, "Error" = NULL, "Instance" = @instance
        WHERE "Id" = @id AND "Status" = 'queued'
        """;

    private const string SkipGroupRunSql = """
        UPDATE "Runs" SET "Status" = 'skipped', "FinishedAt" = @now, "Error" = @reason
        WHERE "Id" = @id AND "Status" = 'queued'
        """;

    private const string MoveGroupTaskSql = """
        UPDATE "Tasks" SET "LastRunStatus" = @status, "LastRunStartedAt" = @started, "LastRunFinishedAt" = @finished
        WHERE "Id" = @task AND "LastRunId" = @id
        """;

    /// <summary>
    /// Turns the batch's just-claimed runs of concurrency groups into <c>queued</c> rows that say what they wait for;
    /// the group's admission (<see cref="AdmitGroupAsync"/>) starts them. Costs one pass over the batch when it has none.
    /// </summary>
    private static async Task QueueGroupClaimsAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<SlotClaim> claims, long?[] ids, CancellationToken cancellationToken)
    {
        if (!claims.Any(c => c.Concurrency is not null))
        {
            return;
        }

        await using var run = Command(connection, transaction, QueueGroupRunSql, "@waiting", "@group", "@id");
        await using var task = Command(connection, transaction, QueueGroupTaskSql, "@task", "@id");
        for (var i = 0; i < claims.Count; i++)
        {
            if (claims[i] is not { Concurrency: { } group, SkipReason: null } claim || ids[i] is not { } id)
            {
                continue;
            }

            Set(run, "@waiting", group.Waiting);
            Set(run, "@group", group.Group);
            Set(run, "@id", id);
            await run.ExecuteNonQueryAsync(cancellationToken);
            Set(task, "@task", claim.TaskId);
            Set(task, "@id", id);
            await task.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// One admission of <paramref name="group"/>: under the group's lock, counts its running runs (every replica) and
    /// reads its queued ones in slot order, asks <paramref name="decide"/> what to do, and moves each decided row on
    /// only if it is still queued (a row another admission took is left alone). Returns the runs started here, for
    /// this process to run. The instant is read from <paramref name="time"/> once the lock is held: a start stamped
    /// before the wait could come before the end of the run whose place it takes.
    /// </summary>
    public async Task<IReadOnlyList<GroupRun>> AdmitGroupAsync(
        string group, string instance, TimeProvider time, Func<GroupSnapshot, DateTimeOffset, IReadOnlyList<GroupMove>> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(decide);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockGroup = Command(connection, transaction, db.Database.IsNpgsql() ? LockGroupPostgresSql : LockGroupSqliteSql, "@group"))
        {
            Set(lockGroup, "@group", group);
            await lockGroup.ExecuteNonQueryAsync(cancellationToken);
        }

        var snapshot = await ReadGroupAsync(connection, transaction, group, cancellationToken);
        var now = time.GetUtcNow();
        if (snapshot.Queued.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return [];
        }

        var started = new List<GroupRun>();
        var byId = snapshot.Queued.ToDictionary(r => r.RunId);
        await using var start = Command(connection, transaction, StartGroupRunSql, "@now", "@instance", "@id");
        await using var skip = Command(connection, transaction, SkipGroupRunSql, "@now", "@reason", "@id");
        await using var task = Command(connection, transaction, MoveGroupTaskSql, "@status", "@started", "@finished", "@task", "@id");
        var at = now.ToUnixTimeMilliseconds();
        foreach (var move in decide(snapshot, now))
        {
            var command = move.Starts ? start : skip;
            Set(command, "@now", at);
            Set(command, "@id", move.RunId);
            Set(command, move.Starts ? "@instance" : "@reason", move.Starts ? instance : move.SkipReason);
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 0 || !byId.TryGetValue(move.RunId, out var run))
            {
                continue;
            }

            Set(task, "@status", move.Starts ? "running" : "skipped");
            Set(task, "@started", move.Starts ? at : null);
            Set(task, "@finished", move.Starts ? null : at);
            Set(task, "@task", run.TaskId);
            Set(task, "@id", run.RunId);
            await task.ExecuteNonQueryAsync(cancellationToken);
            if (move.Starts)
            {
                started.Add(run with { Instance = instance });
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return started;
    }

    /// <summary>
    /// Ends a run that waits queued in its group without starting it: <c>skipped</c> (an overlap <c>replace</c> took its
    /// place) or <c>cancelled</c> (on request). False when it is not queued any more (a group's admission took it).
    /// </summary>
    public async Task<bool> EndGroupQueuedAsync(long runId, RunStatus status, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var changed = await db.Runs
            .Where(r => r.Id == runId && r.Status == RunStatus.Queued && r.ConcurrencyGroup != null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status).SetProperty(r => r.FinishedAt, now).SetProperty(r => r.Error, reason), cancellationToken);
        return changed > 0;
    }

    /// <summary>The queued runs of every concurrency group, by task: what stands in a group task's way for its overlap policy.</summary>
    public async Task<IReadOnlyList<GroupRun>> ListGroupQueuedAsync(CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AsNoTracking()
            .Where(r => r.Status == RunStatus.Queued && r.ConcurrencyGroup != null)
            .OrderBy(r => r.SlotUtc).ThenBy(r => r.Id)
            .Select(r => new GroupRun(r.Id, r.TaskId, r.SlotUtc, r.Attempt, r.Trigger, r.Instance))
            .ToListAsync(cancellationToken);
    }

    private static async Task<GroupSnapshot> ReadGroupAsync(DbConnection connection, DbTransaction transaction, string group, CancellationToken cancellationToken)
    {
        int running;
        await using (var count = Command(connection, transaction, CountRunningSql, "@group"))
        {
            Set(count, "@group", group);
            running = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        var queued = new List<GroupRun>();
        await using var list = Command(connection, transaction, ListQueuedSql, "@group");
        Set(list, "@group", group);
        await using var reader = await list.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            queued.Add(new GroupRun(
                reader.GetInt64(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)), reader.GetInt32(3),
                RunNames.ParseTrigger(reader.GetString(4)), reader.GetString(5))
            {
                Parameters = RunParameters.FromJson(reader.IsDBNull(6) ? null : reader.GetString(6)),
            });
        }

        return new GroupSnapshot(group, running, queued);
    }
}
