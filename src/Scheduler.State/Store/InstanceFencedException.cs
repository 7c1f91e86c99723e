namespace Scheduler.State.Store;

/// <summary>
/// A write of <see cref="Instance"/> was refused because its fencing epoch is no longer the store's: another replica
/// declared it dead (no heartbeat within the lease) and took over its runs. Nothing of the refused write was stored.
/// </summary>
public sealed class InstanceFencedException : Exception
{
    public InstanceFencedException()
        : this("", 0)
    {
    }

    public InstanceFencedException(string message)
        : base(message)
    {
        Instance = "";
    }

    public InstanceFencedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Instance = "";
    }

    public InstanceFencedException(string instance, long epoch)
        : base($"Scheduler instance '{instance}' was fenced: another replica declared it dead (it did not heartbeat within the lease) "
            + $"and took over its runs, so its writes under epoch {epoch} are refused. It stops what it still runs and registers again as new.")
    {
        Instance = instance;
        Epoch = epoch;
    }

    /// <summary>The instance whose write was refused.</summary>
    public string Instance { get; }

    /// <summary>The epoch it wrote under, no longer current.</summary>
    public long Epoch { get; }
}
