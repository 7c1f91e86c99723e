using System.Buffers;
using System.Globalization;
using Scheduler.Definitions.Model;
using Scheduler.Definitions.Runs;
using Scheduler.Definitions.Values;

namespace Scheduler.Engine.Handlers;

/// <summary>
/// Sends an <c>http</c> task's request and checks the status. The request line, the status line and the first
/// 64 KiB of the response body go to the output. One <see cref="HttpClient"/> per handler, so connections are pooled.
/// </summary>
public sealed class HttpRunHandler : IRunHandler, IDisposable
{
    /// <summary>How much of a response body is read into the output; the rest is not downloaded.</summary>
    public const int BodyLimit = 64 * 1024;

    private readonly HttpClient _client;

    public HttpRunHandler()
    {
        var handler = new SocketsHttpHandler
        {
            // Re-resolve DNS now and then: the scheduler runs for months.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            // The status the server sent is what expect-status checks (301 is not 200), as curl without -L does.
            AllowAutoRedirect = false,
        };

        // No HttpClient.Timeout: it runs on the wall clock; the request's token carries the timeout from RunContext.Time.
        _client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("scheduler");
    }

    public string Kind => "http";

    public async Task<HandlerOutcome> RunAsync(RunContext context, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Task.Handler is not HttpHandler http)
        {
            throw new ArgumentException($"Task '{context.Task.Id}' is not an http task.", nameof(context));
        }

        if (!TemplateRenderer.TryRender(http.Url, context, out var url, out var error))
        {
            return HandlerOutcome.Failed(error);
        }

        string? body = null;
        if (http.Body is not null && !TemplateRenderer.TryRender(http.Body, context, out body, out error))
        {
            return HandlerOutcome.Failed(error);
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return HandlerOutcome.Failed($"'{url}' is not an absolute http:// or https:// URL");
        }

        var method = new HttpMethod(http.Method.ToUpperInvariant());
        var limit = http.Timeout < context.Task.Timeout ? http.Timeout : context.Task.Timeout;
        using var timedOut = RunDeadline.After(limit, context.Time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(timedOut.Token, cancel);
        using var request = CreateRequest(method, uri, http.Headers.Select(h => KeyValuePair.Create(h.Key, context.Secrets.ValueOf(h.Value))), body, context.Output);
        context.Output.Append($"> {method} {uri}\n");
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            context.Output.Append(string.Create(CultureInfo.InvariantCulture, $"< HTTP/{response.Version} {status} {response.ReasonPhrase}\n"));
            if (response.Headers.Location is { } location)
            {
                context.Output.Append($"< Location: {location}\n");
            }

            await CopyBodyAsync(response, context.Output, stop.Token).ConfigureAwait(false);
            return http.Accepts(status)
                ? HandlerOutcome.Succeeded(exitCode: null)
                : HandlerOutcome.Failed($"expected {Expected(http.ExpectStatus)}, got {status}");
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return cancel.IsCancellationRequested
                ? new HandlerOutcome(RunStatus.Cancelled, Error: "cancelled")
                : new HandlerOutcome(RunStatus.TimedOut, Error: $"timed out after {Durations.Format(limit)}");
        }
        catch (HttpRequestException ex)
        {
            return HandlerOutcome.Failed($"{method} {uri} failed: {ex.Message}");
        }
    }

    public void Dispose() => _client.Dispose();

    private static HttpRequestMessage CreateRequest(HttpMethod method, Uri uri, IEnumerable<KeyValuePair<string, string>> headers, string? body, OutputTail output)
    {
        var request = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            request.Content = new StringContent(body);
        }

        foreach (var (name, value) in headers)
        {
            if (request.Headers.TryAddWithoutValidation(name, value))
            {
                continue;
            }

            // Content-Type and friends belong to the content; the header given replaces StringContent's default.
            if (request.Content is { } content)
            {
                content.Headers.Remove(name);
                content.Headers.TryAddWithoutValidation(name, value);
            }
            else
            {
                output.Append($"! header '{name}' describes a body, and this request has none: not sent\n");
            }
        }

        return request;
    }

    private static async Task CopyBodyAsync(HttpResponseMessage response, OutputTail output, CancellationToken ct)
    {
        var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = ArrayPool<byte>.Shared.Rent(BodyLimit);
            try
            {
                var total = 0;
                int read;
                while (total < BodyLimit && (read = await stream.ReadAsync(buffer.AsMemory(total, BodyLimit - total), ct).ConfigureAwait(false)) > 0)
                {
                    total += read;
                }

                output.Append(buffer.AsSpan(0, total));
                if (total == BodyLimit && await stream.ReadAsync(buffer.AsMemory(0, 1), ct).ConfigureAwait(false) > 0)
                {
                    output.Append("\n… (body cut at 64 KiB)\n");
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>"200", "200 or 204", "200, 201 or 204", or "a 2xx status" when none is listed.</summary>
    private static string Expected(IReadOnlyList<int> statuses) => statuses.Count switch
    {
        0 => "a 2xx status",
        1 => statuses[0].ToString(CultureInfo.InvariantCulture),
        _ => string.Join(", ", statuses.Take(statuses.Count - 1).Select(s => s.ToString(CultureInfo.InvariantCulture)))
            + " or " + statuses[^1].ToString(CultureInfo.InvariantCulture),
    };
}
