namespace Scheduler.Benchmarks.Measurement;

/// <summary>The samples of one measured variant and the figures reported for it.</summary>
internal sealed class Variant(string key, string title)
{
    private readonly List<Sample> _samples = [];

    /// <summary>Short name used in JSON keys, e.g. <c>bare</c>.</summary>
    public string Key { get; } = key;

    /// <summary>What the table shows.</summary>
    public string Title { get; } = title;

    public IReadOnlyList<Sample> Samples => _samples;

    public void Add(Sample sample) => _samples.Add(sample);

    /// <summary>The median, not the mean: one run disturbed by the machine should not move the figure.</summary>
    public double MedianMs => Median(_samples.Select(s => s.Milliseconds));

    public double MinMs => _samples.Min(s => s.Milliseconds);

    public double AllocatedMb => Median(_samples.Select(s => (double)s.AllocatedBytes)) / (1024 * 1024);

    public double FilesPerSecond(int files) => files / (MedianMs / 1000);

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            throw new InvalidOperationException("No samples to take a median of.");
        }

        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
