using System.Diagnostics;
using System.Globalization;
using System.Net;
using Scheduler.Benchmarks.Measurement;

namespace Scheduler.Benchmarks.Page;

/// <summary>
/// <c>scheduler-bench page</c>: how fast are the status page and the API on a big store? The issues' targets, with
/// 1,000 tasks and 1,000,000 runs: overview <c>/</c> p99 &lt; 20 ms, its filtered views, <c>/timeline</c> and
/// <c>/failures</c> &lt; 30 ms, a history page (<c>/tasks/{id}</c>, also deep with <c>?before=</c>) p99 &lt; 20 ms,
/// server side; 200 open <c>/events</c> streams under 2% of a core while nothing changes. Builds the store with raw SQL, starts the real
/// <c>scheduler serve</c> as a child process, and times sequential requests on loopback; then profiles where the time goes.
/// </summary>
internal sealed class PageBenchmark : IBenchmark
{
    private const int Seed = 20_261_123;
    public const int WarmUpRounds = 10;

    /// <summary>Requests of each kind in a row whose CPU time is measured (after the timed rounds).</summary>
    public const int CpuRequests = 100;

    public string Name => "page";

    public string Summary => "time the status page and the API of `scheduler serve` on a store of 1,000 tasks and 1,000,000 runs";

    public string Usage => """
          --tasks N        tasks in the store and the schedules folder (default 1000)
          --runs N         runs in the store, a few tasks with 100k+ of them (default 1000000)
          --requests N     timed requests of each page kind, sequential, interleaved (default 200)
          --keep DIR       build the store in DIR (must not exist or be empty) and keep it afterwards
          --streams N      open /events streams whose idle CPU cost is measured (default 200; 0 skips it)
          --window S       seconds over which that CPU time is measured, with none open and with N (default 30)
        """;

    public int Run(BenchArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var taskCount = arguments.Int("tasks", 1000, 10);
        var runCount = arguments.Int("runs", 1_000_000, 1000);
        var requests = arguments.Int("requests", 200, 10);
        var keep = arguments.Text("keep");
        var streams = arguments.Int("streams", 200, 0);
        var window = TimeSpan.FromSeconds(arguments.Int("window", 30, 5));
        arguments.RejectUnused();

        var root = keep is null
            ? Path.Combine(Path.GetTempPath(), $"scheduler-bench-page-{Guid.NewGuid():N}")
            : Path.GetFullPath(keep);
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
        {
            Console.Error.WriteLine($"scheduler-bench page: '{root}' is not empty; --keep needs a new or empty folder.");
            return 2;
        }

        Directory.CreateDirectory(root);
        try
        {
            return RunAsync(root, taskCount, runCount, requests, (streams, window)).GetAwaiter().GetResult();
        }
        finally
        {
            if (keep is null)
            {
                Directory.Delete(root, recursive: true);
            }
            else
            {
                Log.Info($"kept the store and the task files in {root}");
            }
        }
    }

    private static async Task<int> RunAsync(string root, int taskCount, int runCount, int requests, (int Count, TimeSpan Window) streams)
    {
        var now = DateTimeOffset.UtcNow;
        Log.Info($"generating {taskCount} task files and {runCount:N0} runs in {root}");
        var tasks = new PageTaskGenerator(Seed).Generate(taskCount, runCount, now);
        var store = await PageSeeder.BuildAsync(root, tasks, now);
        Log.Info(string.Create(CultureInfo.InvariantCulture, $"store built in {store.Seconds:F1} s: {store.Runs:N0} runs, {store.Audit:N0} audit entries, {store.DatabaseBytes / 1e6:F0} MB"));

        var kinds = Kinds(store);
        var loadBefore = Machine.LoadAverage();
        var capacity = ParallelCapacity.Measure();
        Log.Info(string.Create(CultureInfo.InvariantCulture, $"parallel capacity: {capacity:F2} of {Machine.Cores} cores, load average {loadBefore:F2}"));

        // The measured run: serve as shipped, plus Kestrel's one line per request for the server-side time.
        var results = new Dictionary<PageKind, KindResult>();
        double startSeconds;
        IReadOnlyList<ServedRequest> served;
        EventsCost? events = null;
        var started = Stopwatch.GetTimestamp();
        await using (var serve = await ServeProcess.StartAsync(store, new Dictionary<string, string> { ["Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information" }, TimeSpan.FromMinutes(3)))
        {
            startSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            Log.Info(string.Create(CultureInfo.InvariantCulture, $"serve (pid {serve.ProcessId}) ready at {serve.Address} after {startSeconds:F1} s"));
            using var client = Client(serve.Address);
            foreach (var kind in kinds)
            {
                try
                {
                    var (ms, bytes) = await GetOrShowLogAsync(client, serve, kind.Path(0));
                    results[kind] = new KindResult { ColdMs = ms, Bytes = bytes };
                    Log.Info(string.Create(CultureInfo.InvariantCulture, $"first {kind.Key,-16} {ms,8:F1} ms {bytes,9} bytes  {kind.Path(0)}"));
                }
                catch (InvalidOperationException e)
                {
                    // A page that fails is reported as failing, and the others are still measured.
                    results[kind] = new KindResult { Error = e.Message.Split('\n')[0] };
                    Log.Info($"first {kind.Key}: {results[kind].Error}; not measured further");
                }
            }

            for (var round = 1; round <= WarmUpRounds + requests; round++)
            {
                foreach (var kind in kinds.Where(k => results[k].Error is null))
                {
                    var (ms, bytes) = await GetAsync(client, kind.Path(round));
                    if (round > WarmUpRounds)
                    {
                        results[kind].ClientMs.Add(ms);
                        results[kind].Bytes = bytes;
                    }
                }

                if (round % 50 == 0)
                {
                    Log.Info($"round {round}/{WarmUpRounds + requests}");
                }
            }

            await Task.Delay(500); // the console logger writes from a queue
            served = ServerLog.Parse(serve.Drain());
            Log.Info($"CPU time of serve per request, {CpuRequests} requests of each kind in a row");
            foreach (var kind in kinds.Where(k => results[k].Error is null))
            {
                results[kind].CpuMs = await RequestCpu.MeasureAsync(client, serve.ProcessId, kind, CpuRequests);
            }

            if (streams.Count > 0)
            {
                Log.Info($"CPU of serve over {streams.Window.TotalSeconds:0} s with no /events stream open, then with {streams.Count}");
                events = await PageEvents.MeasureAsync(serve.Address, serve.ProcessId, streams.Count, streams.Window);
            }
        }

        foreach (var kind in kinds)
        {
            results[kind].ServerMs.AddRange(served.Where(r => kind.Matches(r.PathAndQuery)).TakeLast(requests).Select(r => r.Milliseconds));
        }

        var loadAfter = Machine.LoadAverage();

        // Where the time goes: the store calls the pages make, timed in-process, with their SQL and query plans.
        // (serve opens its store without the host's logger factory, so EF Core's command log cannot be turned on in serve.)
        Log.Info("profiling the store calls in-process");
        var profile = await PageProfile.RunAsync(store, kinds);
        profile.Attribute(kinds.Where(k => results[k].Error is null).ToDictionary(k => k.Key, k => Percentiles.Of(results[k].ServerMs).P50, StringComparer.Ordinal));

        PageReport.Write(Console.Out, store, kinds, results, profile, events, requests, startSeconds, capacity, (loadBefore, loadAfter));
        return 0;
    }

    private static List<PageKind> Kinds(SeededStore store)
    {
        var big = store.BigTaskRunIds.MaxBy(kv => kv.Value.Length);
        var bigMiddle = big.Value[big.Value.Length / 2];
        var typical = store.Tasks.Where(t => !t.IsBig && !t.Broken && t.Enabled).OrderBy(t => t.Runs).ElementAt(store.Tasks.Count(t => !t.IsBig && !t.Broken && t.Enabled) / 2);
        var random = new Random(Seed);
        var runIds = Enumerable.Range(0, 4096).Select(_ => random.NextInt64(1, store.Runs + 1)).ToArray();
        var typicalPath = "/tasks/" + typical.Id;
        var bigPath = "/tasks/" + big.Key;

        // The typical task's middle id: its rows are the ones whose TaskId is it; the seeder does not keep them, so ask the store.
        var typicalMiddle = PageProfile.MiddleRunId(store, typical.Id);
        var folder = typical.Id.Contains('/', StringComparison.Ordinal) ? typical.Id[..typical.Id.LastIndexOf('/')] : "";
        return
        [
            new("overview", "overview /", 20, _ => "/") { Matches = p => p == "/" },
            new("overview_state", "overview ?state=failing", 30, _ => "/?state=failing") { Matches = p => p == "/?state=failing" },
            new("overview_folder", $"overview ?folder={folder}", 30, _ => $"/?folder={folder}") { Matches = p => p == $"/?folder={folder}" },
            new("overview_q", "overview ?q=backup", 30, _ => "/?q=backup") { Matches = p => p == "/?q=backup" },
            new("timeline", "timeline /timeline", 30, _ => "/timeline") { Matches = p => p == "/timeline" },
            new("failures", "failures /failures", 30, _ => "/failures") { Matches = p => p == "/failures" },
            new("task_top", $"task page, top ({big.Value.Length / 1000}k runs)", 20, _ => bigPath) { Matches = p => p == bigPath },
            new("task_deep", "task page, ?before= middle", 20, _ => $"{bigPath}?before={bigMiddle}") { Matches = p => p == $"{bigPath}?before={bigMiddle}" },
            new("task_small", $"task page, top ({typical.Runs} runs)", 20, _ => typicalPath) { Matches = p => p == typicalPath },
            new("task_small_deep", "task page (small), ?before= middle", 20, _ => $"{typicalPath}?before={typicalMiddle}") { Matches = p => p == $"{typicalPath}?before={typicalMiddle}" },
            new("run", "run page /runs/{id}", null, i => $"/runs/{runIds[i % runIds.Length]}") { Matches = p => p.StartsWith("/runs/", StringComparison.Ordinal) },
            new("api_tasks", "GET /api/tasks", null, _ => "/api/tasks") { Matches = p => p == "/api/tasks" },
            new("api_runs", "GET /api/tasks/{id}/runs?before=", null, _ => $"/api{bigPath}/runs?limit=50&before={bigMiddle}") { Matches = p => p == $"/api{bigPath}/runs?limit=50&before={bigMiddle}" },
        ];
    }

    /// <summary>The first request of each kind: on a failure, serve's last log lines say why.</summary>
    private static async Task<(double Ms, int Bytes)> GetOrShowLogAsync(HttpClient client, ServeProcess serve, string path)
    {
        try
        {
            return await GetAsync(client, path);
        }
        catch (InvalidOperationException e)
        {
            await Task.Delay(500);
            var failure = serve.Drain().LastOrDefault(l => l.Contains("fail:", StringComparison.Ordinal) && l.Contains("Kestrel", StringComparison.Ordinal));
            var reason = failure?[(failure.IndexOf("application.", StringComparison.Ordinal) + "application.".Length)..].Trim();
            throw new InvalidOperationException($"{e.Message.Split('\n')[0].TrimEnd(':', ' ')}{(reason is null ? "" : $" ({reason})")}", e);
        }
    }

    public static HttpClient Client(Uri address) =>
        new(new SocketsHttpHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromMinutes(2),
        };

    /// <summary>One GET, timed from sending to the last byte read; anything but 200 stops the benchmark.</summary>
    public static async Task<(double Ms, int Bytes)> GetAsync(HttpClient client, string path)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsByteArrayAsync();
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return response.StatusCode == HttpStatusCode.OK
            ? (ms, body.Length)
            : throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 500)))}");
    }
}
