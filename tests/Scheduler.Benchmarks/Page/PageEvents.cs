using System.Diagnostics;
using System.Text;

namespace Scheduler.Benchmarks.Page;

/// <summary>
/// What open <c>/events</c> streams cost while (nearly) nothing changes: the CPU time serve spends over a window
/// with no stream open, then with <c>N</c> overview streams open, read from <c>/proc/PID/stat</c>. The events the
/// streams received in the window are counted: a change (the store's one task that runs every five minutes)
/// is work the streams must do, not their idle cost, and the report says how many there were.
/// </summary>
internal static class PageEvents
{
    public static async Task<EventsCost> MeasureAsync(Uri address, int processId, int streams, TimeSpan window)
    {
        var none = await CpuShareAsync(processId, window);
        using var stop = new CancellationTokenSource();
        var events = 0;
        var counting = false;
        var readers = new List<Task>();
        var clients = Enumerable.Range(0, streams).Select(_ => PageBenchmark.Client(address)).ToList();
        try
        {
            foreach (var client in clients)
            {
                readers.Add(ReadAsync(client, () => { if (Volatile.Read(ref counting)) { Interlocked.Increment(ref events); } }, stop.Token));
            }

            // Each stream's first look sends the whole overview (it connects without the page's version): that is its
            // opening cost, not its idle cost, so the window starts once no event has come for a few seconds.
            Volatile.Write(ref counting, true);
            await QuietAsync(() => Volatile.Read(ref events), TimeSpan.FromSeconds(3), TimeSpan.FromMinutes(3));
            var opening = Interlocked.Exchange(ref events, 0);
            var open = await CpuShareAsync(processId, window);
            Volatile.Write(ref counting, false);
            return new EventsCost(streams, window.TotalSeconds, none, open, opening, events, readers.Count(r => r.IsFaulted));
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(readers.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default)));
            clients.ForEach(c => c.Dispose());
        }
    }

    private static async Task QuietAsync(Func<int> count, TimeSpan quiet, TimeSpan atMost)
    {
        var started = Stopwatch.GetTimestamp();
        var last = -1;
        while (Stopwatch.GetElapsedTime(started) < atMost)
        {
            var now = count();
            if (now == last && now > 0)
            {
                return;
            }

            last = now;
            await Task.Delay(quiet);
        }
    }

    private static async Task ReadAsync(HttpClient client, Action onEvent, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(new Uri("/events?page=overview", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken), Encoding.UTF8);
        while (!cancellationToken.IsCancellationRequested && await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                onEvent();
            }
        }
    }

    /// <summary>The share of one core the process used over <paramref name="window"/>.</summary>
    private static async Task<double> CpuShareAsync(int processId, TimeSpan window)
    {
        var before = ProcessCpu.Seconds(processId);
        var started = Stopwatch.GetTimestamp();
        await Task.Delay(window);
        return (ProcessCpu.Seconds(processId) - before) / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
