using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Scheduler.Definitions.Runs;
using Xunit.Abstractions;

namespace Scheduler.Tests.Serve;

/// <summary>
/// SIGTERM drains: nothing new is claimed, the runs in progress go on untouched for <c>Scheduler:Engine:DrainTimeout</c>,
/// then what is left is stopped and recorded interrupted; a second SIGTERM skips the wait. A real serve, real runs.
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class DrainTests(ITestOutputHelper log)
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Runs_in_progress_at_sigterm_finish_succeeded_while_readyz_fails_the_status_says_draining_and_nothing_new_is_claimed()
    {
        using var folder = new ServeFolder(log);
        // Due every second, each run 3 s long and overlap allowed: several are in progress at the signal, and a claim
        // during the drain would show as a slot after its start.
        folder.WriteTask("sleeper", $"""
            schedule:
              every: 1s
            overlap: allow
            timeout: 5m
            shell: |
              {folder.WitnessCommand()}
              sleep 3
            """);
        using var serve = StartServe(folder, drain: TimeSpan.FromSeconds(40));
        await serve.WaitReadyAsync(TimeSpan.FromSeconds(30));
        await Eventually.HoldsAsync(() => folder.ReadWitness().Count >= 2, TimeSpan.FromSeconds(20), () => $"no two runs started.\n{serve.Output}");

        var stopwatch = Stopwatch.StartNew();
        serve.Terminate();
        var readyz = await Eventually.ReturnsAsync(
            async () => await serve.GetStatusAsync("/readyz") == HttpStatusCode.ServiceUnavailable ? await ReadyzTextAsync(serve) : null,
            TimeSpan.FromSeconds(5),
            () => $"/readyz did not fail once the drain began.\n{serve.Output}");
        using var status = JsonDocument.Parse(await serve.GetTextAsync("/api/status"));
        var page = await serve.GetTextAsync("/");
        var exitCode = await serve.WaitForExitAsync(TimeSpan.FromSeconds(40));
        stopwatch.Stop();

        var context = $"\n{folder.DescribeWitness()}\n{serve.Output}";
        Assert.True(exitCode == 0, $"serve exited with {exitCode} after SIGTERM.{context}");
        Assert.Contains("draining", readyz, StringComparison.Ordinal);
        var drain = status.RootElement.GetProperty("drain");
        Assert.True(drain.GetProperty("draining").GetBoolean(), $"/api/status does not say draining: {status.RootElement}");
        var since = drain.GetProperty("since").GetDateTimeOffset();
        Assert.Contains("data-testid=\"draining\"", page, StringComparison.Ordinal);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), $"serve took {stopwatch.Elapsed.TotalSeconds:0.0} s to drain runs of 3 s.{context}");

        await using var store = await folder.OpenStoreAsync();
        var runs = await store.Runs.ListRunsAsync("sleeper", 100, null, default);
        Assert.True(runs.Count >= 2, $"expected the runs started before the signal in the store.{context}");
        Assert.All(runs, r => Assert.True(
            r.Status == RunStatus.Succeeded && r.ExitCode == 0,
            $"run #{r.Id} (slot {r.SlotUtc:O}) is {r.Status} with exit code {r.ExitCode}: a run in progress at SIGTERM should finish during the drain.{context}"));
        Assert.All(runs, r => Assert.True(r.SlotUtc <= since, $"run #{r.Id} has slot {r.SlotUtc:O}, after the drain began at {since:O}: a draining scheduler claimed it.{context}"));
        Assert.Equal(runs.Count, folder.ReadWitness().Count);
    }

    [Fact]
    public async Task A_run_still_going_when_the_drain_timeout_passes_gets_term_only_then_and_is_recorded_interrupted()
    {
        using var folder = new ServeFolder(log);
        var drainTimeout = TimeSpan.FromSeconds(4);
        var termFile = Path.Combine(folder.Root, "term.txt");
        folder.WriteTask("long", LongRun(folder, termFile));
        using var serve = StartServe(folder, drainTimeout);
        await serve.WaitReadyAsync(TimeSpan.FromSeconds(30));
        var run = await FirstRunAsync(folder, serve);

        var signalled = DateTimeOffset.UtcNow;
        serve.Terminate();
        var exitCode = await serve.WaitForExitAsync(drainTimeout + Grace + TimeSpan.FromSeconds(20));

        var context = $"\n{folder.DescribeWitness()}\n{serve.Output}";
        Assert.True(exitCode == 0, $"serve exited with {exitCode} after SIGTERM.{context}");
        Assert.True(File.Exists(termFile), $"the run never got TERM.{context}");
        var termAt = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(File.ReadAllText(termFile).Trim(), CultureInfo.InvariantCulture));
        // The run is left alone for the whole drain: TERM comes only once the drain timeout has passed.
        Assert.True(
            termAt - signalled >= drainTimeout - TimeSpan.FromMilliseconds(300),
            $"the run got TERM {(termAt - signalled).TotalSeconds:0.00} s after SIGTERM, before the drain timeout of {drainTimeout.TotalSeconds} s.{context}");
        await using var store = await folder.OpenStoreAsync();
        var record = await store.Runs.GetRunAsync(run.RunId, default);
        Assert.NotNull(record);
        Assert.True(record.Status == RunStatus.Interrupted, $"run #{run.RunId} is {record.Status}, not interrupted.{context}");
        Assert.Contains("shut down", record.Error ?? "", StringComparison.Ordinal);
        Assert.Contains("drain timeout", serve.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_sigterm_skips_the_rest_of_the_drain_and_the_run_is_stopped_and_recorded_interrupted_at_once()
    {
        using var folder = new ServeFolder(log);
        var termFile = Path.Combine(folder.Root, "term.txt");
        folder.WriteTask("long", LongRun(folder, termFile));
        using var serve = StartServe(folder, drain: TimeSpan.FromMinutes(5));
        await serve.WaitReadyAsync(TimeSpan.FromSeconds(30));
        var run = await FirstRunAsync(folder, serve);

        var stopwatch = Stopwatch.StartNew();
        serve.Terminate();
        await Eventually.HoldsAsync(
            async () => await serve.GetStatusAsync("/readyz") == HttpStatusCode.ServiceUnavailable,
            TimeSpan.FromSeconds(5),
            () => $"/readyz did not fail once the drain began.\n{serve.Output}");
        Assert.False(File.Exists(termFile), $"the run got TERM at the first SIGTERM, while the drain should leave it alone.\n{serve.Output}");
        serve.Terminate();
        var exitCode = await serve.WaitForExitAsync(Grace + TimeSpan.FromSeconds(20));
        stopwatch.Stop();

        var context = $"\n{folder.DescribeWitness()}\n{serve.Output}";
        Assert.True(exitCode == 0, $"serve exited with {exitCode} after two SIGTERMs.{context}");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromMinutes(1), $"serve took {stopwatch.Elapsed.TotalSeconds:0.0} s: the second SIGTERM did not skip the 5 min drain.{context}");
        Assert.True(File.Exists(termFile), $"the run never got TERM.{context}");
        await using var store = await folder.OpenStoreAsync();
        var record = await store.Runs.GetRunAsync(run.RunId, default);
        Assert.NotNull(record);
        Assert.True(record.Status == RunStatus.Interrupted, $"run #{run.RunId} is {record.Status}, not interrupted.{context}");
        Assert.Contains("drain is skipped", serve.Output, StringComparison.Ordinal);
    }

    /// <summary>A run of a minute that writes the moment it gets TERM (ms since the epoch) and then ends.</summary>
    private static string LongRun(ServeFolder folder, string termFile) => $"""
        schedule:
          every: 1s
        timeout: 5m
        shell: |
          {folder.WitnessCommand()}
          trap 'date +%s%3N > "{termFile}"; exit 143' TERM
          sleep 60 &
          wait $!
        """;

    private static ServeProcess StartServe(ServeFolder folder, TimeSpan drain) => folder.StartServe(
        "draining",
        environment: new Dictionary<string, string>
        {
            ["Scheduler__Engine__DrainTimeout"] = drain.ToString("c", CultureInfo.InvariantCulture),
            ["Scheduler__Engine__ShutdownGrace"] = Grace.ToString("c", CultureInfo.InvariantCulture),
        });

    private static async Task<WitnessLine> FirstRunAsync(ServeFolder folder, ServeProcess serve) => await Eventually.ReturnsAsync(
        () => Task.FromResult(folder.ReadWitness() is [var first, ..] ? first : null),
        TimeSpan.FromSeconds(20),
        () => $"no run started.\n{serve.Output}");

    private static async Task<string> ReadyzTextAsync(ServeProcess serve)
    {
        using var http = new HttpClient { BaseAddress = serve.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        using var response = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
        return await response.Content.ReadAsStringAsync();
    }
}
