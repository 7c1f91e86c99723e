namespace Scheduler.Benchmarks.Measurement;

/// <summary>One timed run: wall time and the bytes allocated on all threads meanwhile.</summary>
internal readonly record struct Sample(double Milliseconds, long AllocatedBytes)
{
    /// <summary>
    /// Times <paramref name="action"/>. Collects garbage first (untimed) so one run's leftovers are not
    /// billed to the next; allocation counts all threads, which matters for the parallel loader.
    /// </summary>
    public static Sample Take(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        action();
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        return new Sample(elapsed.TotalMilliseconds, allocated);
    }
}
