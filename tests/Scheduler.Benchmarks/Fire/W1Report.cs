using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Scheduler.Benchmarks.Measurement;
using Scheduler.Engine;

namespace Scheduler.Benchmarks.Fire;

/// <summary>The protocol's one JSON line (the same fields as Bench.Common's W1Harness, so run.sh's record.py reads it) and a table for people.</summary>
internal sealed record W1Report(
    int N, int DurationS, int WarmupS, int DrainS, W1Window Window, W1Stats Stats, W1Sample Sample, W1Phases Phases,
    IReadOnlyDictionary<string, string> Config)
{
    public void WriteTable(TextWriter output, double? loadBefore, double? loadAfter)
    {
        ArgumentNullException.ThrowIfNull(output);
        var table = new TextTable("fire", "value");
        table.Add("tasks (N)", N.ToString("N0", CultureInfo.InvariantCulture));
        table.Add("executed / expected", $"{Stats.Executed.ToString("N0", CultureInfo.InvariantCulture)} / {Stats.Expected.ToString("N0", CultureInfo.InvariantCulture)} ({F(100.0 * Stats.Executed / Math.Max(1, Stats.Expected))}%)");
        table.Add("lateness p50 / p99 / max ms", $"{F(Stats.P50Ms)} / {F(Stats.P99Ms)} / {F(Stats.MaxMs)}");
        table.Add("behind (p50 of runs started in window) ms", F(Stats.StartedP50Ms));
        table.Add("CPU s per min", F(Sample.CpuWindowS / Sample.WallWindowS * 60));
        table.Add("peak RSS MB (VmHWM)", F(Sample.PeakRssMb));
        table.Add("register / start ms", $"{F(Phases.RegisterMs)} / {F(Phases.StartMs)}");
        table.Add("load average before / after", $"{F(loadBefore ?? double.NaN)} / {F(loadAfter ?? double.NaN)}");
        table.WriteTo(output);
        output.Flush();
    }

    /// <summary>One line on stdout, the protocol's fields with the protocol's definitions.</summary>
    public void WriteJson(Stream stdout)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        using var buffer = new MemoryStream();
        using (var j = new Utf8JsonWriter(buffer))
        {
            j.WriteStartObject();
            j.WriteString("workload", "W1");
            j.WriteString("peer", "scheduler");
            j.WriteString("version", typeof(SchedulerEngine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0");
            j.WriteNumber("n", N);
            j.WriteNumber("duration_s", DurationS);
            j.WriteNumber("warmup_s", WarmupS);
            j.WriteNumber("drain_s", DrainS);
            j.WriteString("window_start_utc", new DateTime(Window.Start, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture));
            j.WriteNumber("expected", Stats.Expected);
            j.WriteNumber("executed", Stats.Executed);
            j.WriteNumber("executed_pct", Math.Round(100.0 * Stats.Executed / Math.Max(1, Stats.Expected), 3));
            j.WriteNumber("missing", Stats.Expected - Stats.Executed);
            j.WriteNumber("late_after_drain", Stats.LateAfterCutoff);
            j.WriteNumber("off_slot", Stats.OffSlot);
            j.WriteNumber("duplicates", Stats.Duplicates);
            j.WriteNumber("dropped", FireRecorder.Current.Dropped);
            j.WriteNumber("started_in_window", FireRecorder.Current.StartedInWindow);
            j.WriteNumber("fires_total", FireRecorder.Current.Total);
            j.WriteStartObject("lateness_ms");
            j.WriteNumber("min", R(Stats.MinMs));
            j.WriteNumber("p50", R(Stats.P50Ms));
            j.WriteNumber("p90", R(Stats.P90Ms));
            j.WriteNumber("p99", R(Stats.P99Ms));
            j.WriteNumber("p999", R(Stats.P999Ms));
            j.WriteNumber("max", R(Stats.MaxMs));
            j.WriteNumber("mean", R(Stats.MeanMs));
            j.WriteEndObject();
            j.WriteNumber("started_in_window_stored", Stats.StartedInWindowCount);
            j.WriteStartObject("lateness_started_in_window_ms");
            j.WriteNumber("p50", R(Stats.StartedP50Ms));
            j.WriteNumber("p99", R(Stats.StartedP99Ms));
            j.WriteNumber("max", R(Stats.StartedMaxMs));
            j.WriteEndObject();
            j.WriteStartObject("lateness_share");
            j.WriteNumber("le_1ms", R(Stats.Le1ms));
            j.WriteNumber("le_10ms", R(Stats.Le10ms));
            j.WriteNumber("le_100ms", R(Stats.Le100ms));
            j.WriteNumber("le_1s", R(Stats.Le1s));
            j.WriteEndObject();
            j.WriteNumber("cpu_s_per_min", R(Sample.CpuWindowS / Sample.WallWindowS * 60.0));
            j.WriteNumber("cpu_window_s", R(Sample.CpuWindowS));
            j.WriteNumber("cpu_total_s", R(Sample.CpuTotalS));
            j.WriteNumber("wall_total_s", R(Sample.WallTotalS));
            j.WriteNumber("peak_rss_mb", R(Sample.PeakRssMb));
            j.WriteNumber("peak_rss_at_window_end_mb", R(Sample.PeakRssAtWindowEndMb));
            j.WriteNumber("rss_end_mb", R(Sample.RssEndMb));
            j.WriteNumber("alloc_mb_per_s", R(Sample.AllocMbPerS));
            j.WriteString("gc_window_g0_g1_g2", Sample.Gcs);
            j.WriteNumber("threads_end", Sample.Threads);
            j.WriteNumber("init_ms", R(Phases.InitMs));
            j.WriteNumber("register_ms", R(Phases.RegisterMs));
            j.WriteNumber("register_us_per_job", R(Phases.RegisterMs * 1000.0 / Math.Max(1, N)));
            j.WriteNumber("start_ms", R(Phases.StartMs));
            j.WriteStartObject("config");
            foreach (var (key, value) in Config)
            {
                j.WriteString(key, value);
            }

            j.WriteEndObject();
            j.WriteString("runtime", System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);
            j.WriteNumber("cores", Environment.ProcessorCount);
            j.WriteEndObject();
        }

        stdout.Write(buffer.ToArray());
        stdout.Write("\n"u8);
        stdout.Flush();
    }

    private static double R(double v) => double.IsFinite(v) ? Math.Round(v, 3) : -1;

    private static string F(double v) => double.IsFinite(v) ? v.ToString("F1", CultureInfo.InvariantCulture) : "-";
}
