using System.Globalization;

namespace Scheduler.Benchmarks.Measurement;

/// <summary>
/// What a result should be read against: cores, CPU, runtime, and the load average around the run
/// (a shared or busy machine inflates every figure; the load says whether to trust them).
/// </summary>
internal static class Machine
{
    public static int Cores => Environment.ProcessorCount;

    public static string Runtime => Environment.Version.ToString();

    /// <summary>The CPU model from /proc/cpuinfo, or "unknown" off Linux.</summary>
    public static string CpuModel { get; } = ReadCpuModel();

    /// <summary>The 1-minute load average from /proc/loadavg, or null off Linux.</summary>
    public static double? LoadAverage()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var load) ? load : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string ReadCpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? "unknown" : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "unknown";
        }
    }
}
