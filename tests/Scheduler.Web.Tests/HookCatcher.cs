using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Scheduler.Web.Tests;

/// <summary>A webhook receiver on a loopback port: answers 200 to every POST and keeps the bodies.</summary>
internal sealed class HookCatcher : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _bodies = new();

    private HookCatcher(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public IReadOnlyList<string> Bodies => [.. _bodies];

    public static async Task<HookCatcher> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var catcher = new HookCatcher(app);
        app.MapPost("/hook", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            catcher._bodies.Enqueue(await reader.ReadToEndAsync(context.RequestAborted));
            return Results.Ok();
        });
        await app.StartAsync();
        catcher.Url = $"{app.Urls.First()}/hook";
        return catcher;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
