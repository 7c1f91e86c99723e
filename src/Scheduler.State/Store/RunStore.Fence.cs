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

    /// <summary>The epoch <paramref name="instance"/> registered with in this process, if it did.</summary>
    public long? EpochOf(string instance) => _epochs.TryGetValue(instance, out var epoch) ? epoch : null;

    /// <summary>The guard of a claim batch: throws <see cref="InstanceFencedException"/> when <paramref name="instance"/> was fenced.</summary>
    private async Task FenceAsync(DbConnection connection, DbTransaction transaction, string instance, CancellationToken cancellationToken)
    {
        if (!_epochs.TryGetValue(instance, out var epoch))
        {
            return;
        }

        await using var fence = Command(connection, transaction, _provider is PostgresStoreProvider ? FenceForUpdateSql : FenceSql, "@instance", "@epoch");
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
