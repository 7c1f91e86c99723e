using System.Text.Json;
using Scheduler.Tests.Serve;
using Xunit.Abstractions;

namespace Scheduler.Tests.Telemetry;

/// <summary>JSON log lines of a traced serve: the lines of a run carry its run and task ids and its trace and span ids.</summary>
[Collection(RunsAlone.Name)]
public sealed class RunLogScopeTests(ITestOutputHelper log)
{
    [Fact]
    public async Task With_json_logs_and_scopes_a_runs_lines_carry_its_run_id_task_id_trace_id_and_span_id()
    {
        using var folder = new ServeFolder(log);
        folder.WriteTask("logged", """
            schedule:
              every: 1s
            shell: "true"
            """);
        using var serve = folder.StartServe("json", environment: new Dictionary<string, string>
        {
            // Tracing on, towards a port where nothing listens: the spans exist, their export fails quietly.
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{ServeProcess.FreePort()}",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["Logging__Console__FormatterName"] = "json",
            ["Logging__Console__FormatterOptions__IncludeScopes"] = "true",
        });
        await serve.WaitReadyAsync(TimeSpan.FromSeconds(60));

        var finished = await Eventually.ReturnsAsync(
            () => Task.FromResult(serve.Output.Split('\n').FirstOrDefault(line => line.Contains("\"EventId\":2,", StringComparison.Ordinal) && line.Contains("logged", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(30),
            () => $"no run finished.\n{serve.Output}");

        using var entry = JsonDocument.Parse(finished);
        var scopes = entry.RootElement.GetProperty("Scopes").EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object).ToList();
        string? Scoped(string name) => scopes.Select(s => s.TryGetProperty(name, out var v) ? v.ToString() : null).FirstOrDefault(v => v is not null);
        Assert.Equal("logged", Scoped("TaskId"));
        Assert.Equal(entry.RootElement.GetProperty("State").GetProperty("RunId").ToString(), Scoped("RunId"));
        Assert.Matches("^[0-9a-f]{32}$", Scoped("TraceId") ?? "");
        Assert.Matches("^[0-9a-f]{16}$", Scoped("SpanId") ?? "");
    }
}
