namespace Scheduler.Benchmarks.Page;

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

        double Rank(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Percentiles(sorted.Length, sorted[0], Rank(0.50), Rank(0.90), Rank(0.99), sorted[^1]);
    }
}
