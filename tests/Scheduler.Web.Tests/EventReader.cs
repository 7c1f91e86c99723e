using System.Text;

namespace Scheduler.Web.Tests;

/// <summary>Reads a server-sent event stream in the background, as a browser's EventSource does, and keeps every event seen.</summary>
internal sealed class EventReader : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<ServerEvent> _seen = [];
    private readonly Task _reading;

    private EventReader(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _reading = Task.Run(() => ReadAsync(body));
    }

    public IReadOnlyList<ServerEvent> Seen
    {
        get
        {
            lock (_seen)
            {
                return [.. _seen];
            }
        }
    }

    public static async Task<EventReader> OpenAsync(WebServer server, string path)
    {
        var response = await server.Client.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new EventReader(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>The first event (seen already or within 20 s) that matches.</summary>
    public async Task<ServerEvent> WaitForAsync(Func<ServerEvent, bool> match)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (Seen.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"no matching event within 20 s; seen: {string.Join(", ", Seen.Select(e => e.Name))}");
    }

    private async Task ReadAsync(Stream body)
    {
        using var reader = new StreamReader(body, Encoding.UTF8);
        string? name = null;
        var data = new StringBuilder();
        try
        {
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.Length == 0)
                {
                    if (name is not null)
                    {
                        lock (_seen)
                        {
                            _seen.Add(new ServerEvent(name, data.ToString()));
                        }
                    }

                    (name, data) = (null, new StringBuilder());
                }
                else if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line["event: ".Length..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data.Append(data.Length > 0 ? "\n" : "").Append(line["data: ".Length..]);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // closed by the test
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _response.Dispose();
        await _reading;
        _stop.Dispose();
    }
}
