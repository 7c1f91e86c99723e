namespace Scheduler.Benchmarks.Page;

/// <summary>
/// The CPU time serve spends per request of one kind: its user and system time over a run of sequential requests of
/// that kind alone, divided by their number. It counts serve's own work, whatever else it does meanwhile (its engine,
/// the page's background refresh), not the time a request waits for a core, so a loaded machine moves it far less
/// than it moves the latency: the figure to compare before and after a change on a shared machine.
/// </summary>
internal static class RequestCpu
{
    public static async Task<double> MeasureAsync(HttpClient client, int processId, PageKind kind, int requests)
    {
        var before = ProcessCpu.Seconds(processId);
        for (var i = 0; i < requests; i++)
        {
            await PageBenchmark.GetAsync(client, kind.Path(i));
        }

        return (ProcessCpu.Seconds(processId) - before) * 1000 / requests;
    }
}
