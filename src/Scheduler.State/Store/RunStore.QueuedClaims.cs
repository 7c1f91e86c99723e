using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Scheduler.Definitions.Runs;
using Scheduler.State.Entities;

namespace Scheduler.State.Store;

/// <summary>
/// Claims of chained runs: such a run was queued with its upstream's end (<see cref="ChainQueue"/>), so its claim moves
/// that row on, once (the loser of a race gets no row), instead of inserting one. A queued run whose task was retired
/// while it waited is ended here too, so that no run waits for ever for a task nobody runs any more.
/// </summary>
public sealed partial class RunStore
{
    private const string ClaimQueuedSql = """
        UPDATE "Runs" SET "Status" = @status, "StartedAt" = @started, "FinishedAt" = @finished, "Error" = @error, "Revision" = @revision, "Instance" = @instance, "Parameters" = @parameters
        WHERE "Id" = @id AND "Status" = 'queued'
        RETURNING "Id"
        """;

    /// <summary>
    /// Claims the batch's queued chained runs, each by its row. Returns null when the batch has none (the common case,
    /// costing one pass over it), else the other claims with their places in the batch, for the caller to insert.
    /// </summary>
    private static async Task<List<(int Index, SlotClaim Claim)>?> ClaimQueuedAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<SlotClaim> claims, string instance, long?[] ids, CancellationToken cancellationToken)
    {
        if (!claims.Any(c => c.QueuedRunId is not null))
        {
            return null;
        }

        var rest = new List<(int Index, SlotClaim Claim)>();
        await using var queued = Command(connection, transaction, ClaimQueuedSql, "@status", "@started", "@finished", "@error", "@revision", "@instance", "@parameters", "@id");
        Set(queued, "@instance", instance);
        for (var i = 0; i < claims.Count; i++)
        {
            var claim = claims[i];
            if (claim.QueuedRunId is not { } queuedId)
            {
                rest.Add((i, claim));
                continue;
            }

            var skipped = claim.SkipReason is not null;
            Set(queued, "@status", RunNames.Of(skipped ? RunStatus.Skipped : RunStatus.Running));
            Set(queued, "@started", skipped ? null : claim.StartedAt.ToUnixTimeMilliseconds());
            Set(queued, "@finished", skipped ? claim.StartedAt.ToUnixTimeMilliseconds() : null);
            Set(queued, "@error", claim.SkipReason);
            Set(queued, "@revision", claim.Revision);
            Set(queued, "@parameters", RunParameters.ToJson(claim.Parameters));
            Set(queued, "@id", queuedId);
            ids[i] = await queued.ExecuteScalarAsync(cancellationToken) is { } id and not DBNull ? Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture) : null;
        }

        return rest;
    }

    /// <summary>
    /// Ends every <c>queued</c> run (chained, or waiting in a concurrency group) of a retired task as <c>skipped</c> with
    /// the reason, and moves the task's summary on with it; one transaction. No replica starts a run of a retired task,
    /// so without this such a run would wait for ever and its slot would never be accounted for. A run some claim or
    /// admission takes first is not queued any more and is left alone (each side moves only a queued row). Returns how
    /// many runs it ended.
    /// </summary>
    public async Task<int> SkipQueuedOfRetiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var retired = db.Tasks.Where(t => t.State == TaskState.Retired).Select(t => t.Id);
        var skipped = await db.Runs
            .Where(r => r.Status == RunStatus.Queued && retired.Contains(r.TaskId))
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.Status, RunStatus.Skipped)
                    .SetProperty(r => r.FinishedAt, now)
                    .SetProperty(r => r.Error, r => "task " + r.TaskId + " was retired (its file was deleted) while this run waited"),
                cancellationToken);
        if (skipped > 0)
        {
            await db.Tasks
                .Where(t => t.State == TaskState.Retired && t.LastRunStatus == RunStatus.Queued)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastRunStatus, RunStatus.Skipped).SetProperty(t => t.LastRunFinishedAt, now), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return skipped;
    }
}
