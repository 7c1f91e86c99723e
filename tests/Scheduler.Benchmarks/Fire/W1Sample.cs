using System.Diagnostics;
using System.Globalization;

namespace Scheduler.Benchmarks.Fire;

/// <summary>What the protocol reads at the window's start and end and at the cutoff: CPU, allocations, GCs, VmHWM/VmRSS, threads.</summary>
internal sealed record W1Sample(
    double CpuWindowS, double WallWindowS, double CpuTotalS, double WallTotalS, double AllocMbPerS, string Gcs,
    double PeakRssMb, double PeakRssAtWindowEndMb, double RssEndMb, int Threads)
{
    public static async Task<W1Sample> TakeAsync(W1Window window)
    {
        await W1Window.SleepUntilAsync(window.Start);
        var cpu0 = Environment.CpuUsage.TotalTime;
        var alloc0 = GC.GetTotalAllocatedBytes(false);
        int g0 = GC.CollectionCount(0), g1 = GC.CollectionCount(1), g2 = GC.CollectionCount(2);
        var wallStart = Stopwatch.GetTimestamp();
        Log.Info("fire: window start");

        await W1Window.SleepUntilAsync(window.End);
        var cpu1 = Environment.CpuUsage.TotalTime;
        var wallWindowS = Stopwatch.GetElapsedTime(wallStart).TotalSeconds;
        var alloc1 = GC.GetTotalAllocatedBytes(false);
        var gcs = string.Create(CultureInfo.InvariantCulture, $"{GC.CollectionCount(0) - g0}/{GC.CollectionCount(1) - g1}/{GC.CollectionCount(2) - g2}");
        var (hwmWindowKb, _) = ReadStatus();
        Log.Info("fire: window end");

        await W1Window.SleepUntilAsync(window.Cutoff);
        var (hwmKb, rssKb) = ReadStatus();
        using var self = Process.GetCurrentProcess();
        var wallTotalS = (DateTime.UtcNow - self.StartTime.ToUniversalTime()).TotalSeconds;
        return new W1Sample(
            (cpu1 - cpu0).TotalSeconds, wallWindowS, Environment.CpuUsage.TotalTime.TotalSeconds, wallTotalS,
            (alloc1 - alloc0) / 1048576.0 / wallWindowS, gcs,
            Math.Max(hwmKb, hwmWindowKb) / 1024.0, hwmWindowKb / 1024.0, rssKb / 1024.0, self.Threads.Count);
    }

    /// <summary>(VmHWM kB, VmRSS kB) of this process; (-1, -1) off Linux.</summary>
    public static (long HwmKb, long RssKb) ReadStatus() => ReadStatus("/proc/self/status");

    public static (long HwmKb, long RssKb) ReadStatus(string path)
    {
        long hwm = -1, rss = -1;
        try
        {
            foreach (var line in File.ReadLines(path))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    hwm = ParseKb(line);
                }
                else if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = ParseKb(line);
                }
            }
        }
        catch (IOException)
        {
        }

        return (hwm, rss);
    }

    private static long ParseKb(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
