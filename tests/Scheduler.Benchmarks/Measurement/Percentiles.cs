namespace Scheduler.Benchmarks.Measurement;

/// <summary>min, p50, p90, p99, max of a set of latencies (nearest rank: p99 of 200 samples is the 198th).</summary>
internal readonly record struct Percentiles(int Count, double Min, double P50, double P90, double P99, double Max)
{
    public static Percentiles Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return default;
        }

        return new Percentiles(sorted.Length, sorted[0], NearestRank(sorted, 0.50), NearestRank(sorted, 0.90), NearestRank(sorted, 0.99), sorted[^1]);
    }

    /// <summary>The <paramref name="q"/> quantile of <paramref name="sorted"/> by nearest rank; NaN when there is none.</summary>
    public static double NearestRank(IReadOnlyList<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
}
