using System.Data.Common;
using Scheduler.Definitions.Runs;

namespace Scheduler.State.Store;

/// <summary>
/// Claims of chained runs: such a run was queued with its upstream's end (<see cref="ChainQueue"/>), so its claim moves
/// that row on, once (the loser of a race gets no row), instead of inserting one.
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
}
