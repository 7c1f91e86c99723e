using System.Diagnostics;
using System.Globalization;
using Scheduler.Benchmarks.Measurement;
using Scheduler.Benchmarks.Runtime;
using Scheduler.Engine.Running;

namespace Scheduler.Benchmarks.Fire;

/// <summary>
/// <c>scheduler-bench fire N [DURATION_S] [--warmup S] [--drain S]</c>: the peers' W1 workload
/// (/work/shared/peers-bench/PROTOCOL.md) through the real engine and the real SQLite store: N tasks due
/// every whole second, every run claimed and recorded, an in-process trivial handler. The phases, the window
/// and the scoring are the protocol's (W1Harness, W1Analysis), so the JSON line sits beside the peers' in
/// peers-bench's run.sh (PEER_CMD_scheduler="dotnet .../scheduler-bench.dll fire").
/// </summary>
internal sealed class FireBenchmark : IBenchmark
{
    public string Name => "fire";

    public string Summary => "the peers' W1 protocol: N tasks due every second through the real engine and SQLite store";

    public string Usage => """
          N                tasks, each due at every whole UTC second (required; the protocol uses 100, 1000, 10000)
          DURATION_S       measured window in seconds (default 60)
          --warmup S       seconds from start to the window (default 10)
          --drain S        seconds after the window a window run may still start (default 3)
        """;

    public int Run(BenchArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Positional.Count == 0)
        {
            throw new FormatException("N (the number of tasks) is required.");
        }

        var n = arguments.PositionalInt(0, "N", 0, 1);
        var duration = arguments.PositionalInt(1, "DURATION_S", 60, 1);
        var warmup = arguments.Int("warmup", 10, 0);
        var drain = arguments.Int("drain", 3, 0);
        arguments.RejectUnused();
        return RunAsync(n, duration, warmup, drain).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(int n, int durationS, int warmupS, int drainS)
    {
        var load = Machine.LoadAverage();
        // Window records plus runs of older slots that start in the window: 2 x N x duration, as the peers.
        long capacity = (2L * n * durationS) + 4096;
        FireRecorder.Current = new FireRecorder((int)Math.Min(capacity, int.MaxValue / 2));

        var clock = Stopwatch.StartNew();
        await using var engine = await EngineUnderTest.OpenAsync("fire", new FireRunHandler());
        var phases = new W1Phases { InitMs = clock.Elapsed.TotalMilliseconds };
        Log.Info(string.Create(CultureInfo.InvariantCulture, $"fire n={n}: init {phases.InitMs:F0} ms"));

        clock.Restart();
        var tasks = new List<ScheduledTask>(n);
        for (var i = 0; i < n; i++)
        {
            tasks.Add(BenchTasks.Create($"fire/{i}", BenchTasks.EverySecond, new FireHandlerDefinition(i)));
        }

        await engine.RegisterAsync(tasks, DateTimeOffset.UtcNow);

        phases.RegisterMs = clock.Elapsed.TotalMilliseconds;
        Log.Info(string.Create(CultureInfo.InvariantCulture, $"fire n={n}: registered in {phases.RegisterMs:F0} ms"));

        clock.Restart();
        await engine.StartAsync(tasks);
        phases.StartMs = clock.Elapsed.TotalMilliseconds;
        Log.Info(string.Create(CultureInfo.InvariantCulture, $"fire n={n}: started in {phases.StartMs:F0} ms"));

        var window = W1Window.After(DateTime.UtcNow.Ticks, warmupS, durationS, drainS);
        FireRecorder.Current.SetWindow(window.Start, window.End);
        var sample = await W1Sample.TakeAsync(window);
        var stats = W1Analysis.Analyze(FireRecorder.Current, n, window.Start, window.End, window.Cutoff);

        var config = Describe(engine.Options);
        config["store"] = $"SQLite through EF Core's connection (Microsoft.Data.Sqlite), {await engine.DescribeDurabilityAsync()}, claims and run ends in batched transactions";
        var report = new W1Report(n, durationS, warmupS, drainS, window, stats, sample, phases, config);
        report.WriteTable(Console.Out, load, Machine.LoadAverage());
        report.WriteJson(Console.OpenStandardOutput());

        // Stopping is not measured; bounded as the peers' harness bounds it.
        try
        {
            await engine.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            Log.Info("fire: the engine did not stop within 10 s");
        }

        return 0;
    }

    private static SortedDictionary<string, string> Describe(EngineOptions options) => new(StringComparer.Ordinal)
    {
        ["records"] = "every run: claimed by inserting (task, slot, attempt) as running before the handler starts, then finished",
        ["registration"] = "the set stored by one upsert transaction (as the reconciler writes a folder of valid files), then the set handed to the engine in one ApplyAsync at start (the engine takes definitions declaratively)",
        ["misfire"] = "catch-up: latest (default): a slot found more than 1 min late runs once for the latest missed slot; overlap: forbid (default)",
        ["max_concurrent_runs"] = options.MaxConcurrentRuns.ToString(CultureInfo.InvariantCulture),
        ["logging"] = "errors only, to stderr (serve logs every run start and end at information)",
        ["schedule"] = $"cron '{BenchTasks.EverySecond}' UTC",
    };
}
