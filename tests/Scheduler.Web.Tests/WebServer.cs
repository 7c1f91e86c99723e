using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Serving;
using Scheduler.State.Store;

namespace Scheduler.Web.Tests;

/// <summary>
/// The real serve host (<see cref="ServeHost"/>) on a free loopback port, with a temp schedules folder and a
/// temp SQLite store, and a client that keeps cookies (for the antiforgery cookie) and does not follow redirects.
/// </summary>
public sealed class WebServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _root;

    private WebServer(WebApplication app, string root, Uri address)
    {
        _app = app;
        _root = root;
        Address = address;
        Client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = address };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public RunStore Runs => _app.Services.GetRequiredService<RunStore>();

    public SchedulerStore Store => _app.Services.GetRequiredService<SchedulerStore>();

    public string Origin => Address.GetLeftPart(UriPartial.Authority);

    /// <summary>Starts serve on <paramref name="tasks"/> (id → YAML) and waits until it is ready.</summary>
    /// <remarks>
    /// <paramref name="settings"/> adds configuration (sign-in, tokens); <paramref name="urls"/> may listen beyond
    /// loopback (<c>http://0.0.0.0:0</c>), and the client still connects to 127.0.0.1 on the bound port.
    /// </remarks>
    public static async Task<WebServer> StartAsync(
        IReadOnlyDictionary<string, string> tasks, string? apiToken = null, DateTimeOffset? clockStart = null,
        IReadOnlyDictionary<string, string?>? settings = null, string urls = "http://127.0.0.1:0")
    {
        var root = Directory.CreateTempSubdirectory("scheduler-web-").FullName;
        var schedules = Path.Combine(root, "schedules");
        foreach (var (id, yaml) in tasks)
        {
            var file = Path.Combine(schedules, id + ".yaml");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, yaml);
        }

        Directory.CreateDirectory(schedules);
        var all = new Dictionary<string, string?>
        {
            ["Scheduler:Reconcile:Debounce"] = "00:00:00.050",
            ["Scheduler:Engine:OutputFlushInterval"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (apiToken is not null)
        {
            all["Scheduler:Api:Token"] = apiToken;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var overrides = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var options = new ServeOptions(schedules, Path.Combine(root, "data"), urls, "web-test", clockStart, 1.0);
        var app = await ServeHost.BuildAsync(options, root, overrides, CancellationToken.None);
        await app.StartAsync();
        var server = new WebServer(app, root, new Uri($"http://127.0.0.1:{new Uri(app.Urls.First()).Port}"));
        await Eventually.HoldsAsync(
            async () => (await server.Client.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode == HttpStatusCode.OK,
            "serve did not become ready");
        return server;
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public async Task<string> GetTextAsync(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {text}");
        return text;
    }

    /// <summary>The antiforgery field of a page, as a browser would take it from the form (the cookie stays in the client).</summary>
    public async Task<KeyValuePair<string, string>> FormTokenAsync(string page = "/")
    {
        var html = await GetTextAsync(page);
        var match = System.Text.RegularExpressions.Regex.Match(html, "name=\"(__antiforgery)\" value=\"([^\"]+)\"");
        Assert.True(match.Success, $"{page} has no antiforgery field:\n{html}");
        return new(match.Groups[1].Value, match.Groups[2].Value);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
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
