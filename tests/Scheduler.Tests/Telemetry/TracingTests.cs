using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Scheduler.Serving;
using Scheduler.Tests.Serve;

namespace Scheduler.Tests.Telemetry;

/// <summary>The instrumentation serve turns on with OTLP, exported to memory: one trace from a request through the HTTP call it makes.</summary>
public sealed class TracingTests
{
    [Fact]
    public async Task A_request_and_the_http_call_it_makes_are_one_trace_and_probes_are_not_traced()
    {
        var spans = new List<Activity>();
        var url = $"http://127.0.0.1:{ServeProcess.FreePort()}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Services.AddHttpClient();
        builder.Services.AddOpenTelemetry().WithTracing(tracing => Tracing.Instrument(tracing).AddInMemoryExporter(spans));
        await using var app = builder.Build();
        app.MapGet("/outer", async (IHttpClientFactory clients) => await clients.CreateClient().GetStringAsync(new Uri($"{url}/inner")));
        app.MapGet("/inner", () => "inner");
        app.MapGet("/healthz", () => "ok");
        await app.StartAsync();

        using (var http = new HttpClient())
        {
            Assert.Equal("inner", await http.GetStringAsync(new Uri($"{url}/outer")));
            await http.GetStringAsync(new Uri($"{url}/healthz"));
        }

        await app.StopAsync();
        app.Services.GetRequiredService<TracerProvider>().ForceFlush();

        // Other tests in this process serve HTTP too: look only at this server's spans.
        List<Activity> ours;
        lock (spans)
        {
            ours = [.. spans.Where(s => Tag(s, "server.port") == new Uri(url).Port.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        }

        var outer = Assert.Single(ours, s => s.Kind == ActivityKind.Server && Tag(s, "url.path") == "/outer");
        // The test's own requests are client spans too; the call /outer makes is the one under its span.
        var call = Assert.Single(ours, s => s.Kind == ActivityKind.Client && s.ParentSpanId == outer.SpanId);
        Assert.Equal($"{url}/inner", Tag(call, "url.full"));
        var inner = Assert.Single(ours, s => s.Kind == ActivityKind.Server && Tag(s, "url.path") == "/inner");
        Assert.Equal(call.SpanId, inner.ParentSpanId); // the traceparent header carried the trace across the call
        Assert.All(new[] { call, inner }, s => Assert.Equal(outer.TraceId, s.TraceId));
        Assert.DoesNotContain(ours, s => s.Kind == ActivityKind.Server && Tag(s, "url.path") == "/healthz");
    }

    private static string? Tag(Activity activity, string name) => activity.GetTagItem(name)?.ToString();
}
