using System.Globalization;
using System.Text.Json;
using Scheduler.Benchmarks.Measurement;

namespace Scheduler.Benchmarks.Spawn;

/// <summary>
/// <c>scheduler-bench spawn</c>: what the command handler costs over a bare process start. The targets:
/// at least 80% of the raw rate, and p99 start lateness at most 20 ms with 100 command tasks due every second.
/// </summary>
internal sealed class SpawnBenchmark : IBenchmark
{
    private const double TargetRatio = 0.8;
    private const double TargetP99Ms = 20;

    public string Name => "spawn";

    public string Summary => "the command handler's process rate against Process.Start, and start lateness of N command tasks due every second";

    public string Usage => """
          --program P      the program both loops start (default true)
          --per-round N    processes per variant per round (default 50)
          --rounds N       alternating rounds (default 4)
          --tasks N        command tasks due every second for the lateness part (default 100)
          --max-concurrent N  the engine's MaxConcurrentRuns for the lateness part (default: the engine's, 16);
                           runs past it wait for a place, so their lateness is the others' run time
          --warmup S       seconds before the lateness window (default 5)
          --duration S     lateness window in seconds (default 20)
        """;

    public int Run(BenchArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var program = arguments.Text("program") ?? "true";
        var perRound = arguments.Int("per-round", 50, 1);
        var rounds = arguments.Int("rounds", 4, 1);
        var tasks = arguments.Int("tasks", 100, 1);
        var warmup = arguments.Int("warmup", 5, 0);
        var duration = arguments.Int("duration", 20, 1);
        var maxConcurrent = arguments.Int("max-concurrent", new Scheduler.Engine.Running.EngineOptions().MaxConcurrentRuns, 1);
        arguments.RejectUnused();
        return RunAsync(program, perRound, rounds, tasks, warmup, duration, maxConcurrent).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(string program, int perRound, int rounds, int tasks, int warmup, int duration, int maxConcurrent)
    {
        var loadBefore = Machine.LoadAverage();
        Log.Info($"spawn: {rounds} rounds of {perRound} '{program}' processes, handler then raw");
        var (handlerRate, rawRate, trampolineRate, cliWrapRate) = await SpawnRates.MeasureAsync(program, perRound, rounds);
        var (lateness, expected) = await SpawnLateness.MeasureAsync(tasks, warmup, duration, maxConcurrent);
        var loadAfter = Machine.LoadAverage();
        var ratio = handlerRate / rawRate;
        double Pct(double q) => Percentiles.NearestRank(lateness, q);

        var table = new TextTable("spawn", "value", "target");
        table.Add("command handler, processes/s", F(handlerRate), "");
        table.Add($"raw Process.Start(\"{program}\") + wait, processes/s", F(rawRate), "");
        var line = SpawnRates.Line(program);
        var launched = line.ThroughStub ? $"the exec stub + {program}" : $"setsid sh -c 'exec \"$@\" 2>&1' sh {program}";
        table.Add($"raw Process.Start of {launched} (the handler's launch line), processes/s", F(trampolineRate), "");
        table.Add($"CliWrap alone on {program} (no group, no merge), processes/s", F(cliWrapRate), "");
        table.Add("handler / raw", F(ratio * 100) + "%", $">= {TargetRatio * 100:F0}%");
        table.Add("CliWrap alone / raw (the ceiling of a handler run through CliWrap)", F(cliWrapRate / rawRate * 100) + "%", "");
        table.Add("handler / raw launch line (the handler's own cost over the process images it execs)", F(handlerRate / trampolineRate * 100) + "%", "");
        table.Add($"start lateness p50 / p99 / max ms ({tasks} tasks every second, at most {maxConcurrent} runs at once)", $"{F(Pct(0.5))} / {F(Pct(0.99))} / {F(lateness.LastOrDefault(double.NaN))}", $"p99 <= {TargetP99Ms:F0}");
        table.Add("runs measured / expected", $"{lateness.Length} / {expected}", "");
        table.Add("load average before / after", $"{F(loadBefore ?? double.NaN)} / {F(loadAfter ?? double.NaN)}", "");
        table.WriteTo(Console.Out);

        var json = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["benchmark"] = "spawn",
            ["program"] = program,
            ["handler_per_s"] = R(handlerRate),
            ["raw_per_s"] = R(rawRate),
            ["raw_trampoline_per_s"] = R(trampolineRate),
            ["launch"] = line.ThroughStub ? "exec-stub" : "setsid-sh",
            ["ratio_to_trampoline"] = R(handlerRate / trampolineRate),
            ["cliwrap_only_per_s"] = R(cliWrapRate),
            ["cliwrap_only_ratio"] = R(cliWrapRate / rawRate),
            ["ratio"] = R(ratio),
            ["ratio_target"] = TargetRatio,
            ["tasks"] = tasks,
            ["max_concurrent_runs"] = maxConcurrent,
            ["runs_measured"] = lateness.Length,
            ["runs_expected"] = expected,
            ["lateness_p50_ms"] = R(Pct(0.5)),
            ["lateness_p99_ms"] = R(Pct(0.99)),
            ["lateness_max_ms"] = R(lateness.LastOrDefault(double.NaN)),
            ["lateness_p99_target_ms"] = TargetP99Ms,
            ["load_before"] = loadBefore,
            ["load_after"] = loadAfter,
            ["cores"] = Machine.Cores,
        });
        Console.Out.WriteLine(json);
        return 0;
    }

    private static double R(double v) => double.IsFinite(v) ? Math.Round(v, 3) : -1;

    private static string F(double v) => double.IsFinite(v) ? v.ToString("F1", CultureInfo.InvariantCulture) : "-";
}
