using System.Diagnostics;
using System.Globalization;
using Scheduler.Definitions.Runs;
using Xunit.Abstractions;

namespace Scheduler.Tests.Serve;

/// <summary>SIGTERM while a run is in progress: the way every service manager stops serve.</summary>
[Collection(RunsAlone.Name)]
public sealed class GracefulStopTests(ITestOutputHelper log)
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Sigterm_without_a_drain_stops_a_running_run_records_it_interrupted_leaves_no_process_behind_and_exits_0_within_the_grace_period()
    {
        using var folder = new ServeFolder(log);
        var pidFile = Path.Combine(folder.Root, "sleep.pid");
        // The grandchild is what could outlive its run: only a stop of the whole process group reaches it.
        folder.WriteTask("sleeper", $"""
            schedule:
              every: 2s
            timeout: 5m
            shell: |
              {folder.WitnessCommand()}
              sh -c 'echo $$ > "{pidFile}"; exec sleep 30'
            """);
        using var serve = folder.StartServe(
            "stopping",
            environment: new Dictionary<string, string>
            {
                ["Scheduler__Engine__ShutdownGrace"] = Grace.ToString("c", CultureInfo.InvariantCulture),
                ["Scheduler__Engine__DrainTimeout"] = "00:00:00", // no drain: the stop itself is what this test is about (DrainTests has the drain)
            });
        await serve.WaitReadyAsync(TimeSpan.FromSeconds(30));
        var sleepPid = await Eventually.ReturnsAsync(
            () => Task.FromResult(File.Exists(pidFile) && File.ReadAllText(pidFile).Trim() is { Length: > 0 } text ? text : null),
            TimeSpan.FromSeconds(20),
            () => $"the run did not start its sleep.\n{serve.Output}");
        Assert.True(IsAlive(sleepPid), $"sleep (pid {sleepPid}) should be running before the stop.");
        var run = Assert.Single(folder.ReadWitness());

        var stopwatch = Stopwatch.StartNew();
        serve.Terminate();
        var exitCode = await serve.WaitForExitAsync(Grace + TimeSpan.FromSeconds(20));
        stopwatch.Stop();

        Assert.True(exitCode == 0, $"serve exited with {exitCode} after SIGTERM.\n{serve.Output}");
        Assert.True(stopwatch.Elapsed < Grace, $"serve took {stopwatch.Elapsed.TotalSeconds:0.0} s to stop, more than its grace period of {Grace.TotalSeconds} s.\n{serve.Output}");
        Assert.False(IsAlive(sleepPid), $"sleep (pid {sleepPid}) outlived its run and serve.");
        await using var store = await folder.OpenStoreAsync();
        var record = await store.Runs.GetRunAsync(run.RunId, default);
        Assert.NotNull(record);
        Assert.True(record.Status == RunStatus.Interrupted, $"run #{run.RunId} is {record.Status} after a graceful stop, not interrupted.\n{serve.Output}");
        Assert.Contains("shut down", record.Error ?? "", StringComparison.Ordinal);
        Assert.Empty(await store.Runs.ListRunningAsync(default));
    }

    /// <summary>True while the process exists and is not a zombie (a dead process its parent has not reaped yet).</summary>
    private static bool IsAlive(string pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z" && state != "X";
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return false;
        }
    }
}
