using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Scheduler.Serving;

namespace Scheduler.Browser.Tests;

/// <summary>
/// The real serve host (<see cref="ServeHost"/>) on a free loopback port with a temp schedules folder and a temp
/// SQLite store, as tests/Scheduler.Web.Tests/WebServer.cs builds it, for a browser to open.
/// </summary>
public sealed class BrowserServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _root;

    private BrowserServer(WebApplication app, string root, Uri address)
    {
        _app = app;
        _root = root;
        Address = address;
    }

    /// <summary>The root of the site, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; }

    /// <summary>
    /// Readiness is polled with this API token (viewer role), so it works whatever sign-in <c>settings</c> ask for.
    /// </summary>
    private const string ProbeToken = "browser-test-probe";

    /// <summary>Starts serve on <paramref name="tasks"/> (id → YAML) with extra <paramref name="settings"/> and waits until it is ready.</summary>
    public static async Task<BrowserServer> StartAsync(IReadOnlyDictionary<string, string> tasks, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var root = Directory.CreateTempSubdirectory("scheduler-browser-").FullName;
        var schedules = Path.Combine(root, "schedules");
        Directory.CreateDirectory(schedules);
        foreach (var (id, yaml) in tasks)
        {
            var file = Path.Combine(schedules, id + ".yaml");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, yaml);
        }

        var all = new Dictionary<string, string?>
        {
            ["Scheduler:Reconcile:Debounce"] = "00:00:00.050",
            ["Scheduler:Engine:OutputFlushInterval"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Scheduler:Api:Tokens:probe:Hash"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(ProbeToken))),
            ["Scheduler:Api:Tokens:probe:Role"] = "viewer",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var overrides = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var options = new ServeOptions(schedules, Path.Combine(root, "data"), "http://127.0.0.1:0", "browser-test", null, 1.0);
        var app = await ServeHost.BuildAsync(options, root, overrides, CancellationToken.None);
        await app.StartAsync();
        var server = new BrowserServer(app, root, new Uri(app.Urls.First().TrimEnd('/') + "/"));
        await server.WaitUntilReadyAsync(tasks.Count);
        return server;
    }

    /// <summary>Waits for <c>/readyz</c> and for every task file to be applied, so the first page shows them all.</summary>
    private async Task WaitUntilReadyAsync(int taskCount)
    {
        using var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Authorization = new("Bearer", ProbeToken);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                using var ready = await client.GetAsync(new Uri("readyz", UriKind.Relative));
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    var tasks = await client.GetStringAsync(new Uri("api/tasks", UriKind.Relative));
                    if (System.Text.Json.JsonDocument.Parse(tasks).RootElement.GetArrayLength() >= taskCount)
                    {
                        return;
                    }
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // not listening yet
            }

            Assert.True(DateTime.UtcNow < deadline, "serve did not become ready with every task applied");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // a child process may still hold a file for a moment; the temp folder is cleaned by the OS
        }
    }
}
