using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Scheduler.Benchmarks.Page;

/// <summary>
/// <c>dotnet scheduler.dll serve</c> as a child process on a free loopback port: the real executable, its real
/// configuration and logging, nothing of the benchmark in its process. Its console lines are kept for
/// <see cref="ServerLog"/> (server-side request times, the SQL it ran).
/// </summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private ServeProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
    }

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    /// <summary>Every console line so far; <see cref="Drain"/> takes them.</summary>
    public IReadOnlyList<string> Drain()
    {
        var lines = new List<string>();
        while (_lines.TryDequeue(out var line))
        {
            lines.Add(line);
        }

        return lines;
    }

    /// <summary>Starts serve with <paramref name="logLevels"/> (category → level) on top of its appsettings.json, and waits for <c>/readyz</c>.</summary>
    public static async Task<ServeProcess> StartAsync(SeededStore store, IReadOnlyDictionary<string, string> logLevels, TimeSpan readyTimeout)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = store.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[SchedulerDll(), "serve", "--schedules", store.Schedules, "--data", store.Data, "--urls", address.ToString().TrimEnd('/'), "--instance", "web-1"])
        {
            start.ArgumentList.Add(arg);
        }

        // History retention would cut the big tasks to 10,000 runs if its slot (03:17 UTC) came up meanwhile.
        start.Environment["Scheduler__Retention__MaxRunsPerTask"] = "10000000";
        start.Environment["Scheduler__Retention__MaxAgeDays"] = "3650";
        start.Environment["DOTNET_gcServer"] = "0";
        foreach (var (category, level) in logLevels)
        {
            start.Environment[$"Logging__LogLevel__{category}"] = level;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var serve = new ServeProcess(process, address);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < readyTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"serve exited with code {process.ExitCode}:\n{string.Join('\n', serve.Drain().TakeLast(40))}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return serve;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // busy starting
            }

            await Task.Delay(200);
        }

        await serve.DisposeAsync();
        throw new TimeoutException($"serve was not ready within {readyTimeout.TotalSeconds:0} s.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM: serve stops gracefully (and would record its runs as interrupted otherwise).
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
    }

    /// <summary>scheduler.dll as built beside this benchmark (the project reference copies it and its runtimeconfig).</summary>
    private static string SchedulerDll()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "scheduler.dll");
        return File.Exists(beside) && File.Exists(Path.Combine(AppContext.BaseDirectory, "scheduler.runtimeconfig.json"))
            ? beside
            : throw new FileNotFoundException($"scheduler.dll and scheduler.runtimeconfig.json are not in {AppContext.BaseDirectory}; build the benchmark project (it references src/Scheduler).");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }
}
