using System.Diagnostics;
using System.Globalization;

namespace Scheduler.Benchmarks.Idle;

/// <summary>
/// <c>scheduler serve</c> as a child process (the built <c>scheduler.dll</c> of this checkout, run by the same
/// <c>dotnet</c>), its output read and dropped, and what the kernel says about it: CPU ticks and resident memory.
/// </summary>
internal sealed class ServeProcess : IDisposable
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux; /proc/PID/stat counts in it

    private readonly Process _process;

    private ServeProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static ServeProcess Start(string schedulerDll, string schedules, string data, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { schedulerDll, "serve", "--schedules", schedules, "--data", data, "--urls", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.Contains("fail", StringComparison.OrdinalIgnoreCase))
            {
                Log.Info($"serve: {line}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServeProcess(process);
    }

    /// <summary>User + system CPU seconds so far, from /proc/PID/stat (fields 14 and 15).</summary>
    public double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state); utime is field 14, stime field 15.
        var user = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var system = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (user + system) / TicksPerSecond;
    }

    /// <summary>(VmHWM, VmRSS) in MB from /proc/PID/status.</summary>
    public (double PeakMb, double RssMb) Memory()
    {
        var (hwm, rss) = Fire.W1Sample.ReadStatus($"/proc/{Id}/status");
        return (hwm / 1024.0, rss / 1024.0);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }
}
