using System.Collections.Concurrent;
using System.Data.Common;
using Scheduler.State.Postgres;

namespace Scheduler.State.Store;

/// <summary>
/// Fencing: every claim and end batch first checks, inside its own transaction, that the writing instance still holds
/// the epoch it registered with. Another replica that declares it dead bumps the epoch first and only then takes over
/// its runs, so a batch either commits before the takeover (and its runs are taken over with the rest) or is refused.
/// </summary>
public sealed partial class RunStore
{
    // The epoch each instance of this process registered with (StartInstanceAsync); an instance that never registered
    // here (a test writing directly, a tool) writes unfenced, as before fencing existed.
    private readonly ConcurrentDictionary<string, long> _epochs = new(StringComparer.Ordinal);

    // PostgreSQL: the row lock makes a concurrent takeover (its epoch bump) wait for this batch's commit, or this batch
    // wait for the bump and then see it. SQLite: the batch's transaction already holds the database's write lock.
    private const string FenceSql = """SELECT 1 FROM "Instances" WHERE "Name" = @instance AND "Epoch" = @epoch""";
    private const string FenceForUpdateSql = FenceSql + " FOR UPDATE";

    // A replica stopped in the middle of a batch (a long GC pause, a suspended VM, SIGSTOP) would hold its instance row
    // and the slots it was inserting until it resumes: the others could neither fence it nor claim those slots. The
    // server ends such a batch after 2 s instead (its writer then finds it refused, and is fenced if presumed dead);
    // only the batches, so that a reconcile or a migration that thinks between statements is not cut short.
    private const string EndStalledBatchSql = "SET LOCAL idle_in_transaction_session_timeout = 2000";

    /// <summary>The epoch <paramref name="instance"/> registered with in this process, if it did.</summary>
    public long? EpochOf(string instance) => _epochs.TryGetValue(instance, out var epoch) ? epoch : null;

    /// <summary>The guard of a claim batch: throws <see cref="InstanceFencedException"/> when <paramref name="instance"/> was fenced.</summary>
    private async Task FenceAsync(DbConnection connection, DbTransaction transaction, string instance, CancellationToken cancellationToken)
    {
        if (!_epochs.TryGetValue(instance, out var epoch))
        {
            return;
        }

        var postgres = _provider is PostgresStoreProvider;
        if (postgres)
        {
            await using var stalled = Command(connection, transaction, EndStalledBatchSql);
            await stalled.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var fence = Command(connection, transaction, postgres ? FenceForUpdateSql : FenceSql, "@instance", "@epoch");
        Set(fence, "@instance", instance);
        Set(fence, "@epoch", epoch);
        if (await fence.ExecuteScalarAsync(cancellationToken) is null)
        {
            throw new InstanceFencedException(instance, epoch);
        }
    }

    /// <summary>The guard of an end batch: each writing instance of <paramref name="finishes"/> (one, from the engine) is checked.</summary>
    private async Task FenceAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<RunFinish> finishes, CancellationToken cancellationToken)
    {
        foreach (var instance in finishes.Select(f => f.Instance).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            await FenceAsync(connection, transaction, instance, cancellationToken);
        }
    }
}
