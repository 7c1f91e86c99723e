namespace Scheduler.Serving;

/// <summary>
/// Gives back the memory start-up used, once: reading every task file, building the store's model and the first
/// reconcile leave garbage and a grown gen0 budget behind that an idle scheduler would otherwise keep resident until
/// its next collection, which may be hours away (docs/performance.md, idle).
/// </summary>
internal static class StartupMemory
{
    /// <summary>A full, compacting collection that also returns the freed regions to the system.</summary>
    public static void Release() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
}
