using System.Data.Common;
using System.Globalization;
using Scheduler.Definitions.Runs;

namespace Scheduler.State.Store;

/// <summary>
/// Queues the chained runs an end starts, inside the end's own transaction: the upstream's end and the downstream's
/// run are one fact, so a crash, a restart or a second replica can neither lose nor double it. The row is unique by
/// (task, upstream run ids, attempt): an end written twice queues nothing the second time.
/// </summary>
/// <remarks>
/// For a chain waiting for all, the downstream's task row is updated first: on PostgreSQL that row lock orders two
/// replicas ending the last two upstream runs at once, so the second sees the first's end and queues the run; SQLite
/// has one writer at a time anyway.
/// </remarks>
internal sealed class ChainQueue(DbConnection connection, DbTransaction transaction)
{
    private const string LockSql = """UPDATE "Tasks" SET "NextSlotUtc" = "NextSlotUtc" WHERE "Id" = @task""";

    // The downstream's last run: a chained run counts from the end that completed it (its slot), any other from its start.
    private const string SinceSql = """
        SELECT MAX(CASE WHEN "Trigger" = 'after' THEN "SlotUtc" ELSE "StartedAt" END) FROM "Runs" WHERE "TaskId" = @task
        """;

    private const string LatestEndSql = """
        SELECT MAX("Id") FROM "Runs"
        WHERE "TaskId" = @task AND "FinishedAt" IS NOT NULL AND "FinishedAt" > @since
          AND ("Status" = @ok1 OR "Status" = @ok2 OR ("Status" IN ('failed', 'timed-out') AND @failFrom > 0 AND "Attempt" >= @failFrom))
        """;

    private const string ExistsSql = """SELECT COUNT(*) FROM "Runs" WHERE "TaskId" = @task AND "UpstreamRunIds" = @ids""";

    private const string InsertSql = """
        INSERT INTO "Runs" ("TaskId", "Trigger", "SlotUtc", "Attempt", "Status", "OutputTail", "OutputBytes", "Revision", "Instance", "UpstreamRunIds")
        VALUES (@task, 'after', @slot, 1, 'queued', '', 0, @revision, @instance, @ids)
        ON CONFLICT DO NOTHING
        RETURNING "Id"
        """;

    // Two upstream ends of the same millisecond give one downstream two runs: the second takes the next free millisecond.
    private const int MaxSlotSteps = 1000;

    public async Task QueueAsync(RunFinish finish, string upstreamTaskId, List<ChainedRun> queued, CancellationToken cancellationToken)
    {
        foreach (var follow in finish.Follows)
        {
            var ids = follow.WaitForAll
                ? await AllEndedAsync(follow, finish.RunId, upstreamTaskId, cancellationToken)
                : Text(finish.RunId);
            if (ids is null || await ExistsAsync(follow.TaskId, ids, cancellationToken))
            {
                continue;
            }

            if (await InsertAsync(follow, ids, finish.FinishedAt, cancellationToken) is { } run)
            {
                queued.Add(new ChainedRun(run.Id, follow.TaskId, run.Slot, ids, finish.RunId, upstreamTaskId, RunNames.Of(finish.Status), finish.ExitCode));
            }
        }
    }

    /// <summary>The ids of each upstream's latest counting end since the downstream's last run, in the list's order; null while one has none.</summary>
    private async Task<string?> AllEndedAsync(ChainFollow follow, long endingRunId, string endingTaskId, CancellationToken cancellationToken)
    {
        await using (var lockRow = RunStore.Command(connection, transaction, LockSql, "task"))
        {
            RunStore.Set(lockRow, "task", follow.TaskId);
            await lockRow.ExecuteNonQueryAsync(cancellationToken);
        }

        long since;
        await using (var sinceQuery = RunStore.Command(connection, transaction, SinceSql, "task"))
        {
            RunStore.Set(sinceQuery, "task", follow.TaskId);
            since = await sinceQuery.ExecuteScalarAsync(cancellationToken) is { } value and not DBNull
                ? Convert.ToInt64(value, CultureInfo.InvariantCulture)
                : long.MinValue;
        }

        var ids = new List<string>(follow.Upstreams.Count);
        await using var latest = RunStore.Command(connection, transaction, LatestEndSql, "task", "since", "ok1", "ok2", "failFrom");
        foreach (var upstream in follow.Upstreams)
        {
            if (upstream.TaskId == endingTaskId)
            {
                ids.Add(Text(endingRunId));
                continue;
            }

            RunStore.Set(latest, "task", upstream.TaskId);
            RunStore.Set(latest, "since", since);
            RunStore.Set(latest, "ok1", upstream.Statuses.Count > 0 ? upstream.Statuses[0] : "-");
            RunStore.Set(latest, "ok2", upstream.Statuses.Count > 1 ? upstream.Statuses[1] : "-");
            RunStore.Set(latest, "failFrom", upstream.FailureFromAttempt);
            if (await latest.ExecuteScalarAsync(cancellationToken) is not { } id || id is DBNull)
            {
                return null;
            }

            ids.Add(Text(Convert.ToInt64(id, CultureInfo.InvariantCulture)));
        }

        return string.Join(",", ids);
    }

    private async Task<bool> ExistsAsync(string taskId, string ids, CancellationToken cancellationToken)
    {
        await using var exists = RunStore.Command(connection, transaction, ExistsSql, "task", "ids");
        RunStore.Set(exists, "task", taskId);
        RunStore.Set(exists, "ids", ids);
        return Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0;
    }

    private async Task<(long Id, DateTimeOffset Slot)?> InsertAsync(ChainFollow follow, string ids, DateTimeOffset endedAt, CancellationToken cancellationToken)
    {
        await using var insert = RunStore.Command(connection, transaction, InsertSql, "task", "slot", "revision", "instance", "ids");
        RunStore.Set(insert, "task", follow.TaskId);
        RunStore.Set(insert, "revision", follow.Revision);
        RunStore.Set(insert, "instance", follow.Instance);
        RunStore.Set(insert, "ids", ids);
        var slot = endedAt.ToUnixTimeMilliseconds();
        for (var step = 0; step < MaxSlotSteps; step++, slot++)
        {
            RunStore.Set(insert, "slot", slot);
            if (await insert.ExecuteScalarAsync(cancellationToken) is { } id and not DBNull)
            {
                return (Convert.ToInt64(id, CultureInfo.InvariantCulture), DateTimeOffset.FromUnixTimeMilliseconds(slot));
            }
        }

        return null;
    }

    private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);
}
