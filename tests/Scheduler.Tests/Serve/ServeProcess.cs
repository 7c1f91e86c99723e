using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit.Abstractions;

namespace Scheduler.Tests.Serve;

/// <summary>
/// The real <c>scheduler serve</c> as a child process (<c>dotnet exec scheduler.dll serve …</c>) on a free loopback port,
/// its output kept for failure messages. It is always killed when disposed, so no test leaves one behind.
/// </summary>
internal sealed class ServeProcess : IDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly ITestOutputHelper? _log;
    private readonly string _name;

    private ServeProcess(Process process, Uri baseAddress, string name, ITestOutputHelper? log)
    {
        _process = process;
        BaseAddress = baseAddress;
        _name = name;
        _log = log;
    }

    public Uri BaseAddress { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process printed so far, stdout and stderr interleaved as received.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts <c>scheduler serve</c> with <paramref name="arguments"/> and <c>--urls</c> on a free port, in
    /// <paramref name="workingDirectory"/>; <paramref name="environment"/> is added to the inherited environment.
    /// </summary>
    public static ServeProcess Start(
        string workingDirectory,
        IEnumerable<string> arguments,
        string name,
        ITestOutputHelper? log = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["exec", Path.Combine(AppContext.BaseDirectory, "scheduler.dll"), "serve", .. arguments, "--urls", baseAddress.ToString().TrimEnd('/')])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var serve = new ServeProcess(process, baseAddress, name, log);
        process.OutputDataReceived += (_, e) => serve.Append(e.Data);
        process.ErrorDataReceived += (_, e) => serve.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return serve;
    }

    /// <summary>Waits until <c>/readyz</c> answers 200; fails at once, with the output, if the process exits first.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        await Eventually.HoldsAsync(
            async () =>
            {
                if (_process.HasExited)
                {
                    Assert.Fail($"serve '{_name}' exited with code {_process.ExitCode} before it was ready.\n{Output}");
                }

                return await GetStatusAsync("/readyz") == HttpStatusCode.OK;
            },
            timeout,
            () => $"serve '{_name}' did not answer 200 on /readyz within {timeout.TotalSeconds} s.\n{Output}");
    }

    /// <summary>The status code of a GET, or null when nothing answers (yet).</summary>
    public async Task<HttpStatusCode?> GetStatusAsync(string path)
    {
        try
        {
            using var response = await Http.GetAsync(new Uri(BaseAddress, path));
            return response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    public async Task<string> GetTextAsync(string path) => await Http.GetStringAsync(new Uri(BaseAddress, path));

    /// <summary>Sends SIGTERM, as systemd, Docker and Kubernetes do to stop a service.</summary>
    public void Terminate()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
        Assert.True(kill.ExitCode == 0, $"kill -TERM {Id} failed with exit code {kill.ExitCode}.");
    }

    /// <summary>SIGSTOP: the process stalls as in a long GC pause or a suspended VM, its runs going on without it.</summary>
    public void Suspend() => Signal("STOP");

    /// <summary>SIGCONT: a suspended process goes on where it stopped, unaware of the time it lost.</summary>
    public void Resume() => Signal("CONT");

    /// <summary>SIGKILL to the serve process alone, as a crash or <c>kill -9</c>: the runs it started are orphaned, not stopped.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    /// <summary>Waits for the process to exit and returns its exit code; fails with the output when it takes longer than <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            Assert.Fail($"serve '{_name}' did not exit within {timeout.TotalSeconds} s.\n{Output}");
        }

        _process.WaitForExit(); // flushes the redirected output
        return _process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // it exited meanwhile
        }

        _log?.WriteLine($"----- serve '{_name}' (pid {_process.Id}) output -----\n{Output}");
        _process.Dispose();
    }

    private void Signal(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [$"-{signal}", Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
        Assert.True(kill.ExitCode == 0, $"kill -{signal} {Id} failed with exit code {kill.ExitCode}.");
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
