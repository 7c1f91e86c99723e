using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Scheduler.Engine.Tests.Notifications;

/// <summary>
/// A real HTTP server on a loopback port chosen by the system, standing in for Slack, Teams, Discord or any
/// webhook: it keeps every request it gets and answers each as the test scripted (a status, or never).
/// </summary>
internal sealed class WebhookListener : IAsyncDisposable
{
    /// <summary>The answer that never comes: the request waits until the client gives up.</summary>
    public const int NeverAnswer = -1;

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _answers = new();
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();

    private WebhookListener(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public IReadOnlyList<ReceivedRequest> Received => [.. _received];

    /// <summary>What the listener answers once the scripted answers are used up.</summary>
    public int DefaultAnswer { get; set; } = 200;

    public static async Task<WebhookListener> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var listener = new WebhookListener(app);
        app.MapPost("/hooks/{**rest}", listener.AnswerAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        listener.Url = $"{address}/hooks/T000/B000/secret-part";
        return listener;
    }

    /// <summary>The next requests get these answers, one each.</summary>
    public void Script(params int[] answers)
    {
        foreach (var answer in answers)
        {
            _answers.Enqueue(answer);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        _received.Enqueue(new ReceivedRequest(context.Request.Path, context.Request.ContentType, body, context.Request.Headers.TraceParent.ToString()));
        var answer = _answers.TryDequeue(out var scripted) ? scripted : DefaultAnswer;
        if (answer == NeverAnswer)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return; // the client gave up, as it should
            }
        }

        context.Response.StatusCode = answer;
    }
}
