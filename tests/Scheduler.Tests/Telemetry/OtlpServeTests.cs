using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Scheduler.Tests.Serve;
using Xunit.Abstractions;

namespace Scheduler.Tests.Telemetry;

/// <summary>
/// The real <c>scheduler serve</c> with the standard OTel variables set, a stand-in collector on loopback, and the JSON
/// console formatter: traces arrive over OTLP/HTTP and every log line is one JSON object.
/// </summary>
public sealed class OtlpServeTests(ITestOutputHelper log) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scheduler-otlp-").FullName;

    [Fact]
    public async Task With_an_otlp_endpoint_serve_exports_its_traces_there_and_json_logging_writes_one_object_per_line()
    {
        var posts = new List<(string Path, string? ContentType, long Length)>();
        var collectorUrl = $"http://127.0.0.1:{ServeProcess.FreePort()}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(collectorUrl);
        await using var collector = builder.Build();
        collector.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            lock (posts)
            {
                posts.Add((request.Path, request.ContentType, body.Length));
            }

            return Results.Ok();
        });
        await collector.StartAsync();

        Directory.CreateDirectory(Path.Combine(_folder, "schedules"));
        using var serve = ServeProcess.Start(_folder, ["--schedules", "schedules", "--data", "data"], "otlp", log, new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collectorUrl,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200", // export every 200 ms instead of 5 s
            ["Logging__Console__FormatterName"] = "json",
        });
        await serve.WaitReadyAsync(TimeSpan.FromSeconds(60));

        await Eventually.HoldsAsync(
            async () =>
            {
                await serve.GetTextAsync("/api/status"); // a traced request (the probes are not traced)
                lock (posts)
                {
                    return posts.Count > 0;
                }
            },
            TimeSpan.FromSeconds(30),
            () => $"no OTLP export reached the collector.\n{serve.Output}");

        lock (posts)
        {
            Assert.All(posts, p => Assert.Equal(("/v1/traces", "application/x-protobuf"), (p.Path, p.ContentType)));
            Assert.All(posts, p => Assert.True(p.Length > 0));
        }

        var lines = serve.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, line =>
        {
            using var entry = JsonDocument.Parse(line);
            Assert.True(entry.RootElement.TryGetProperty("Category", out _), line);
            Assert.True(entry.RootElement.TryGetProperty("Message", out _), line);
        });
        await collector.StopAsync();
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
