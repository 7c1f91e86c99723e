using System.Text;
using Microsoft.AspNetCore.Http;
using Scheduler.Web.Views;

namespace Scheduler.Web.Live;

/// <summary>
/// One open <c>/events</c> stream. At each change the store reports, it builds its page's parts and sends, as
/// server-sent events named by part, only those whose HTML differs from what it sent (or what the page was
/// rendered with); htmx-ext-sse swaps each into the element whose <c>sse-swap</c> names it. A run's output is
/// sent as what was added (<c>output-append</c>), like <c>tail -f</c>, or whole when the kept tail moved on.
/// </summary>
internal sealed class LiveStream(HttpResponse response, LivePage page, FormToken form, LiveParts parts, StoreChanges changes)
{
    private readonly Dictionary<string, string> _sent = new(StringComparer.Ordinal);
    private string? _output;
    private long _version;

    /// <summary>Streams until the reader leaves or the server stops. <paramref name="current"/>: the page was rendered at the version the stream starts at, so the first look is its baseline, not news.</summary>
    public async Task RunAsync(bool current, CancellationToken cancellationToken)
    {
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.WriteAsync("retry: 2000\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
        using var listening = changes.Listen();
        var silent = current;
        while (!cancellationToken.IsCancellationRequested)
        {
            var next = changes.NextChange;
            _version = changes.Version;
            var text = new StringBuilder();
            await LookAsync(text, silent, cancellationToken);
            silent = false;
            if (text.Length > 0)
            {
                await response.WriteAsync(text.ToString(), cancellationToken);
                await response.Body.FlushAsync(cancellationToken);
            }

            // No timer of its own: the shared loop's beat says when to tell the proxies the stream is alive.
            var finished = await Task.WhenAny(next, changes.NextBeat).WaitAsync(cancellationToken);
            if (finished != next)
            {
                await response.WriteAsync(": still here\n\n", cancellationToken);
                await response.Body.FlushAsync(cancellationToken);
            }
        }
    }

    private async Task LookAsync(StringBuilder text, bool silent, CancellationToken cancellationToken)
    {
        switch (page.Kind)
        {
            case "overview":
                var overview = await parts.OverviewAsync(page, form).WaitAsync(cancellationToken);
                if (!silent && _sent.TryGetValue("structure", out var structure) && structure != overview["structure"])
                {
                    Event(text, "folders", await parts.FoldersAsync(page, form, cancellationToken));
                    silent = true; // the folders just sent hold every row and count
                    Send(text, new Dictionary<string, string>(StringComparer.Ordinal) { ["header"] = overview["header"], ["shown"] = overview["shown"], ["instances"] = overview["instances"] }, false);
                }

                Send(text, overview, silent);
                break;
            case "task":
                Send(text, await parts.TaskAsync(page.TaskId!, form, cancellationToken), silent);
                break;
            default:
                if (await parts.RunAsync(page.RunId, form, cancellationToken) is { } run)
                {
                    // The page was read from the store before this first look: output written in between, or the run
                    // ending, is news to it. What it showed is known by its byte count (o=), and it only streams a running run.
                    var known = silent && page.OutputShown is not null;
                    if (known)
                    {
                        _output = ShownOutput.Of(run.Output, run.OutputBytes, page.OutputShown!.Value);
                    }

                    Send(text, run.Parts, silent && run.Running);
                    Output(text, run.Output, silent && !known);
                }

                break;
        }
    }

    private void Send(StringBuilder text, Dictionary<string, string>? current, bool silent)
    {
        foreach (var (name, html) in current ?? [])
        {
            if (_sent.TryGetValue(name, out var before) && before == html)
            {
                continue;
            }

            _sent[name] = html;
            if (!silent && name != "structure")
            {
                Event(text, name, html);
            }
        }
    }

    private void Output(StringBuilder text, string output, bool silent)
    {
        var before = _output;
        _output = output;
        if (silent || before == output)
        {
            return;
        }

        if (before is not null && output.StartsWith(before, StringComparison.Ordinal))
        {
            Event(text, "output-append", System.Net.WebUtility.HtmlEncode(output[before.Length..]));
        }
        else
        {
            Event(text, "output", System.Net.WebUtility.HtmlEncode(output));
        }
    }

    // One event: its id (the version, so a reconnecting browser says how far it got), its name, its data line by line.
    private void Event(StringBuilder text, string name, string data)
    {
        text.Append("id: ").Append(_version).Append('\n');
        text.Append("event: ").Append(name).Append('\n');
        foreach (var line in data.ReplaceLineEndings("\n").Split('\n'))
        {
            text.Append("data: ").Append(line).Append('\n');
        }

        text.Append('\n');
    }
}
