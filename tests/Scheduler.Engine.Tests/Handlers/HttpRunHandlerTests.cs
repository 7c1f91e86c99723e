using System.Net;
using System.Net.Sockets;
using System.Text;
using Scheduler.Definitions.Model;
using Scheduler.Definitions.Runs;
using Scheduler.Engine.Handlers;

namespace Scheduler.Engine.Tests.Handlers;

/// <summary>http runs against a real HttpListener on 127.0.0.1.</summary>
public sealed class HttpRunHandlerTests : IDisposable
{
    private readonly HttpRunHandler _handler = new();
    private readonly HttpListener _listener = new();
    private readonly string _prefix;

    public HttpRunHandlerTests()
    {
        _prefix = $"http://127.0.0.1:{FreePort()}/";
        _listener.Prefixes.Add(_prefix);
        _listener.Start();
    }

    public void Dispose()
    {
        _handler.Dispose();
        _listener.Close();
    }

    [Fact]
    public async Task A_request_with_method_headers_and_a_templated_body_succeeds_on_200()
    {
        var seen = Serve(async context =>
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var seenRequest = $"{context.Request.HttpMethod} {context.Request.Url!.AbsolutePath} {context.Request.Headers["X-Token"]} {context.Request.ContentType} {body}";
            await Respond(context, 200, "pong");
            return seenRequest;
        });
        var http = Http("{{ task.id }}", "post", body: """{"slot": "{{ run.slot }}"}""",
            headers: new Dictionary<string, TaskValue> { ["X-Token"] = TaskValue.Literal("abc"), ["Content-Type"] = TaskValue.Literal("application/json") });
        var context = HandlerRuns.Context(HandlerRuns.Task(http));

        var outcome = await _handler.RunAsync(context, CancellationToken.None);

        Assert.Equal(new HandlerOutcome(RunStatus.Succeeded), outcome);
        Assert.Equal("""POST /backups/nightly-db abc application/json {"slot": "2026-10-25T00:30:00Z"}""", await seen);
        Assert.Equal($"> POST {_prefix}backups/nightly-db\n< HTTP/1.1 200 OK\npong", context.Output.ToText());
    }

    [Fact]
    public async Task A_header_by_reference_is_sent_with_its_value_and_the_echoed_value_is_masked()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("token"), "t0ken-from-a-file\n");
        var seen = Serve(async context =>
        {
            var authorization = context.Request.Headers["Authorization"] ?? "";
            await Respond(context, 200, $"you sent {authorization}");
            return authorization;
        });
        var reference = new SecretReference(SecretSource.File, folder.File("token"), "Bearer ", Definitions.Diagnostics.SourcePosition.FileStart);
        var task = HandlerRuns.Task(Http("api", headers: new Dictionary<string, TaskValue> { ["Authorization"] = TaskValue.From(reference) }));
        var context = RunSecrets.Start(HandlerRuns.Context(task), out _)!;

        var outcome = await _handler.RunAsync(context, CancellationToken.None);

        Assert.Equal(new HandlerOutcome(RunStatus.Succeeded, null), outcome);
        Assert.Equal("Bearer t0ken-from-a-file", await seen);
        Assert.Equal($"> GET {_prefix}api\n< HTTP/1.1 200 OK\nyou sent Bearer ***", context.Output.ToText());
    }

    [Fact]
    public async Task A_status_that_is_not_expected_fails_and_says_which_it_was()
    {
        _ = Serve(async context =>
        {
            await Respond(context, 503, "down for maintenance");
            return "";
        });
        var context = HandlerRuns.Context(HandlerRuns.Task(Http("health", expect: [200])));

        var outcome = await _handler.RunAsync(context, CancellationToken.None);

        Assert.Equal(HandlerOutcome.Failed("expected 200, got 503"), outcome);
        Assert.EndsWith("< HTTP/1.1 503 Service Unavailable\ndown for maintenance", context.Output.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_first_64_KiB_of_a_large_body_go_to_the_output()
    {
        _ = Serve(async context =>
        {
            await Respond(context, 200, new string('b', 200_000));
            return "";
        });
        var context = HandlerRuns.Context(HandlerRuns.Task(Http("big")));

        var outcome = await _handler.RunAsync(context, CancellationToken.None);

        Assert.Equal(RunStatus.Succeeded, outcome.Status);
        var request = $"> GET {_prefix}big\n< HTTP/1.1 200 OK\n";
        const string Cut = "\n… (body cut at 64 KiB)\n";
        Assert.Equal(request.Length + HttpRunHandler.BodyLimit + System.Text.Encoding.UTF8.GetByteCount(Cut), context.Output.TotalBytes);
        Assert.EndsWith(new string('b', 1000) + Cut, context.Output.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_slower_than_the_timeout_times_out()
    {
        using var release = new CancellationTokenSource();
        _ = Serve(async context =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), release.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            await Respond(context, 200, "late");
            return "";
        });
        var context = HandlerRuns.Context(HandlerRuns.Task(Http("slow", timeout: TimeSpan.FromMilliseconds(300))));

        var outcome = await _handler.RunAsync(context, CancellationToken.None);
        await release.CancelAsync();

        Assert.Equal(new HandlerOutcome(RunStatus.TimedOut, null, "timed out after 300ms"), outcome);
    }

    [Fact]
    public async Task A_refused_connection_fails_with_the_reason()
    {
        var url = $"http://127.0.0.1:{FreePort()}/nobody";
        var context = HandlerRuns.Context(HandlerRuns.Task(Http("") with { Url = url }));

        var outcome = await _handler.RunAsync(context, CancellationToken.None);

        Assert.Equal(RunStatus.Failed, outcome.Status);
        Assert.StartsWith($"GET {url} failed: Connection refused", outcome.Error, StringComparison.Ordinal);
    }

    private HttpHandler Http(string path, string method = "GET", IReadOnlyList<int>? expect = null, TimeSpan? timeout = null, IReadOnlyDictionary<string, TaskValue>? headers = null, string? body = null) =>
        new(_prefix + path, method, expect ?? [], timeout ?? TimeSpan.FromSeconds(10), headers ?? new Dictionary<string, TaskValue>(), body);

    /// <summary>Answers one request with <paramref name="respond"/>; the task gives what it saw.</summary>
    private Task<string> Serve(Func<HttpListenerContext, Task<string>> respond) =>
        Task.Run(async () => await respond(await _listener.GetContextAsync()));

    private static async Task Respond(HttpListenerContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.ContentLength64 = bytes.Length;
        try
        {
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client gave up (the timeout test).
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
