using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Scheduler.Definitions.Loading;
using Scheduler.Definitions.Runs;
using Scheduler.Engine;
using Scheduler.Engine.Handlers;
using Scheduler.Engine.Running;
using Scheduler.State.Store;
using Scheduler.Tests.Serve;

namespace Scheduler.Tests.Telemetry;

/// <summary>
/// A span per run under the span of its tick, exported to memory, and the run's trace context in what it starts: a real
/// shell child process that prints its <c>TRACEPARENT</c>, and a loopback HTTP server that records the <c>traceparent</c> header.
/// </summary>
public sealed class RunSpanTests : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("scheduler-spans-").FullName;
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Each_run_is_a_span_under_its_tick_and_its_process_and_http_request_carry_its_trace_context()
    {
        var spans = new List<Activity>();
        using var tracer = Sdk.CreateTracerProviderBuilder().AddSource(RunTracing.SourceName).AddInMemoryExporter(spans).Build();
        var headers = new ConcurrentQueue<string>();
        var url = $"http://127.0.0.1:{ServeProcess.FreePort()}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        await using var server = builder.Build();
        server.MapGet("/hook", (HttpRequest request) =>
        {
            headers.Enqueue(request.Headers.TraceParent.ToString());
            return "ok";
        });
        await server.StartAsync();

        var shellId = $"spans/shell-{_suffix}";
        var httpId = $"spans/http-{_suffix}";
        var tasks = new[]
        {
            TaskOf(shellId, """
                schedule:
                  every: 1s
                shell: echo "TRACEPARENT=$TRACEPARENT"
                """),
            TaskOf(httpId, $"""
                schedule:
                  every: 1s
                http:
                  url: {url}/hook
                  method: GET
                """),
        };
        await using var store = await SchedulerStore.OpenSqliteAsync(_directory);
        var engine = new SchedulerEngine(store.Runs, HandlerRegistry.CreateDefault(), TimeProvider.System, new EngineOptions { Instance = "spans" }, NullLogger<SchedulerEngine>.Instance);
        using var stop = new CancellationTokenSource();
        var loop = engine.RunAsync(stop.Token);
        await engine.ApplyAsync(tasks);
        await Eventually.HoldsAsync(
            async () => (await store.Runs.ListRunsAsync(shellId, 5, null, default)).Any(r => r.Status == RunStatus.Succeeded)
                && (await store.Runs.ListRunsAsync(httpId, 5, null, default)).Any(r => r.Status == RunStatus.Succeeded),
            TimeSpan.FromSeconds(30),
            () => "the runs did not succeed.");
        await stop.CancelAsync();
        await loop;
        tracer.ForceFlush();

        List<Activity> ours;
        lock (spans)
        {
            ours = [.. spans];
        }

        var shellRun = (await store.Runs.ListRunsAsync(shellId, 5, null, default)).First(r => r.Status == RunStatus.Succeeded);
        var shellSpan = Assert.Single(ours, s => Tag(s, "scheduler.run.id") == shellRun.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) && Tag(s, "scheduler.task.id") == shellId);
        Assert.Equal($"run {shellId}", shellSpan.DisplayName);
        Assert.Equal("schedule", Tag(shellSpan, "scheduler.trigger"));
        Assert.Equal("1", Tag(shellSpan, "scheduler.attempt"));
        Assert.Equal("succeeded", Tag(shellSpan, "scheduler.run.status"));
        Assert.Equal("0", Tag(shellSpan, "process.exit.code"));
        Assert.Equal(shellRun.SlotUtc.UtcDateTime, shellSpan.GetTagItem("scheduler.slot"));
        Assert.True(long.TryParse(Tag(shellSpan, "scheduler.start_lateness_ms"), out var lateness) && lateness >= 0, $"start lateness '{Tag(shellSpan, "scheduler.start_lateness_ms")}'");
        var tick = Assert.Single(ours, s => s.SpanId == shellSpan.ParentSpanId);
        Assert.Equal("tick", tick.DisplayName);
        Assert.Equal(tick.TraceId, shellSpan.TraceId);

        // The child process saw the run's own span as its parent.
        // The flags are .NET's: sampled (01), and random trace id (02) as W3C Trace Context level 2 adds it.
        var expected = $"TRACEPARENT=00-{shellSpan.TraceId}-{shellSpan.SpanId}-0";
        Assert.True(shellRun.OutputTail.Contains(expected, StringComparison.Ordinal), $"the run printed '{shellRun.OutputTail.Trim()}', not '{expected}'.");

        // The http handler's request carried a traceparent of the run's trace.
        var httpSpans = ours.Where(s => Tag(s, "scheduler.task.id") == httpId).ToList();
        Assert.NotEmpty(httpSpans);
        Assert.NotEmpty(headers);
        Assert.All(headers, header => Assert.Contains(httpSpans, s => header.StartsWith($"00-{s.TraceId}-", StringComparison.Ordinal)));
        await server.StopAsync();
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }

    private static ScheduledTask TaskOf(string id, string yaml)
    {
        var result = TaskReader.Read(new SourceFile(id + ".yaml", id + ".yaml", Encoding.UTF8.GetBytes(yaml)), DateTimeOffset.UtcNow);
        Assert.True(result.Task is not null, string.Join("\n", result.Diagnostics.Select(d => d.Message)));
        return new ScheduledTask(result.Task, "rev-1");
    }

    private static string? Tag(Activity activity, string name) => activity.GetTagItem(name) switch
    {
        null => null,
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        var v => v.ToString(),
    };
}
