namespace Scheduler.Benchmarks.Page;

/// <summary>
/// A deterministic "random" number for (task, slot, purpose): every run's outcome is a pure function of where it
/// is, so the runs can be generated in any order (here: merged across tasks in time order) and always come out the same.
/// </summary>
internal static class RowHash
{
    /// <summary>A number in [0, 1).</summary>
    public static double Unit(int task, long slot, int purpose) =>
        (Mix(((ulong)(uint)task << 40) ^ ((ulong)slot << 8) ^ (uint)purpose) >> 11) * (1.0 / (1UL << 53));

    // SplitMix64's finaliser.
    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
