using System.Globalization;
using System.Text.Json;
using Scheduler.Benchmarks.Measurement;

namespace Scheduler.Benchmarks.Idle;

/// <summary>
/// <c>scheduler-bench idle</c>: the real <c>scheduler serve</c> with N tasks due hourly, left alone. After a warm-up
/// (start, first reconcile, JIT), CPU over the window and resident memory at its end, and both per sample interval so
/// "flat" can be judged (the target: no growth while nothing runs). Targets: RSS at most 80 MB, CPU at most 0.2% of one
/// core, over 10 minutes (<c>--duration 600</c>).
/// </summary>
internal sealed class IdleBenchmark : IBenchmark
{
    private const double TargetRssMb = 80;
    private const double TargetCpuPercent = 0.2;

    public string Name => "idle";

    public string Summary => "the real `scheduler serve` with N hourly tasks, idle: RSS and CPU from /proc";

    public string Usage => """
          --tasks N        task files, each due hourly (default 100)
          --warmup S       seconds after start before measuring (default 15)
          --duration S     measured idle seconds (default 60; the target is judged over 600)
          --sample S       seconds per sample row of CPU and RSS within the window (default 60)
          --scheduler DLL  the scheduler.dll to run (default: src/Scheduler/bin/<same configuration>/net10.0 of this checkout)
          --bare           without the runtime variables the shipped unit and image set (DOTNET_TieredCompilation=0,
                           DOTNET_GCgen0size=0x400000): serve as `dotnet tool install` runs it
        """;

    public int Run(BenchArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var tasks = arguments.Int("tasks", 100, 1);
        var warmup = arguments.Int("warmup", 15, 0);
        var duration = arguments.Int("duration", 60, 1);
        var sample = Math.Min(arguments.Int("sample", 60, 1), duration);
        var dll = arguments.Text("scheduler") ?? DefaultSchedulerDll();
        var environment = arguments.Flag("bare") ? new Dictionary<string, string>() : ShippedEnvironment.Variables;
        arguments.RejectUnused();
        if (!File.Exists(dll))
        {
            Console.Error.WriteLine($"scheduler-bench idle: '{dll}' does not exist; build the solution in the same configuration first, or give --scheduler.");
            return 2;
        }

        var folder = Path.Combine(Path.GetTempPath(), $"scheduler-bench-idle-{Guid.NewGuid():N}");
        try
        {
            var schedules = Path.Combine(folder, "schedules");
            Directory.CreateDirectory(schedules);
            for (var i = 0; i < tasks; i++)
            {
                File.WriteAllText(Path.Combine(schedules, $"idle-{i:D4}.yaml"), "schedule: \"0 * * * *\"\ncommand: [\"true\"]\n");
            }

            return Measure(dll, schedules, Path.Combine(folder, "data"), environment, tasks, warmup, duration, sample);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int Measure(string dll, string schedules, string data, IReadOnlyDictionary<string, string> environment, int tasks, int warmup, int duration, int sample)
    {
        var loadBefore = Machine.LoadAverage();
        using var serve = ServeProcess.Start(dll, schedules, data, environment);
        var shipped = environment.Count == 0 ? "bare (no runtime variables)" : "as shipped: " + string.Join(' ', environment.Select(e => $"{e.Key}={e.Value}"));
        Log.Info($"idle: scheduler serve (pid {serve.Id}) with {tasks} hourly tasks, {shipped}; warm-up {warmup} s, then {duration} s measured");
        Thread.Sleep(TimeSpan.FromSeconds(warmup));
        if (serve.HasExited)
        {
            Console.Error.WriteLine("scheduler-bench idle: scheduler serve exited during the warm-up.");
            return 1;
        }

        var cpu0 = serve.CpuSeconds();
        var (_, rssStart) = serve.Memory();
        var samples = IdleSamples.Take(serve, duration, sample);
        var cpuPercent = (serve.CpuSeconds() - cpu0) / duration * 100;
        var (peak, rss) = serve.Memory();
        var loadAfter = Machine.LoadAverage();

        var table = new TextTable("idle", "value", "target");
        table.Add("tasks (hourly)", tasks.ToString(CultureInfo.InvariantCulture), "");
        table.Add("environment", environment.Count == 0 ? "bare" : "as shipped", "");
        table.Add($"CPU over {duration} s, % of one core", F(cpuPercent, "F3"), $"<= {TargetCpuPercent}");
        table.Add("RSS at the end MB (VmRSS)", F(rss, "F1"), $"<= {TargetRssMb:F0}");
        table.Add("RSS after warm-up MB", F(rssStart, "F1"), "");
        table.Add("peak RSS MB (VmHWM, start-up included)", F(peak, "F1"), "");
        table.Add("RSS growth over the window MB", F(rss - rssStart, "F1"), "flat");
        table.Add($"CPU % per {sample} s sample, min / max", $"{F(samples.Min(x => x.CpuPercent), "F3")} / {F(samples.Max(x => x.CpuPercent), "F3")}", "");
        table.Add("load average before / after", $"{F(loadBefore ?? double.NaN, "F1")} / {F(loadAfter ?? double.NaN, "F1")}", "");
        table.WriteTo(Console.Out);
        var rows = new TextTable("idle sample", "CPU % of one core", "RSS MB");
        foreach (var x in samples)
        {
            rows.Add($"{x.AtSeconds} s", F(x.CpuPercent, "F3"), F(x.RssMb, "F1"));
        }

        rows.WriteTo(Console.Out);
        Console.Out.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["benchmark"] = "idle",
            ["tasks"] = tasks,
            ["environment"] = environment,
            ["duration_s"] = duration,
            ["cpu_percent"] = Math.Round(cpuPercent, 4),
            ["cpu_percent_target"] = TargetCpuPercent,
            ["rss_mb"] = Math.Round(rss, 1),
            ["rss_after_warmup_mb"] = Math.Round(rssStart, 1),
            ["peak_rss_mb"] = Math.Round(peak, 1),
            ["rss_growth_mb"] = Math.Round(rss - rssStart, 1),
            ["samples"] = samples.Select(x => new { at_s = x.AtSeconds, cpu_percent = Math.Round(x.CpuPercent, 4), rss_mb = Math.Round(x.RssMb, 1) }).ToArray(),
            ["rss_target_mb"] = TargetRssMb,
            ["load_before"] = loadBefore,
            ["load_after"] = loadAfter,
            ["cores"] = Machine.Cores,
        }));
        return 0;
    }

    /// <summary>This checkout's scheduler.dll in the configuration the benchmark was built in (the folder names match).</summary>
    private static string DefaultSchedulerDll()
    {
        var binDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
        var framework = binDirectory.Name;
        var configuration = binDirectory.Parent?.Name ?? "Release";
        var repository = binDirectory;
        while (repository is not null && !File.Exists(Path.Combine(repository.FullName, "Scheduler.sln")))
        {
            repository = repository.Parent;
        }

        return repository is null
            ? "scheduler.dll"
            : Path.Combine(repository.FullName, "src", "Scheduler", "bin", configuration, framework, "scheduler.dll");
    }

    private static string F(double v, string format) => double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
}
