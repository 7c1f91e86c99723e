namespace Scheduler.Benchmarks.Fire;

/// <summary>The protocol's window [Start, End) of whole seconds after the warm-up, and the drain cutoff, in UTC ticks.</summary>
internal readonly record struct W1Window(long Start, long End, long Cutoff)
{
    public static W1Window After(long t0, int warmupS, int durationS, int drainS)
    {
        var tps = TimeSpan.TicksPerSecond;
        var start = (t0 + (warmupS * tps) + tps - 1) / tps * tps; // first whole second after the warm-up
        var end = start + (durationS * tps);
        return new W1Window(start, end, end + (drainS * tps));
    }

    /// <summary>Sleeps until the UTC instant, in steps of at most a second (as the peers' harness does).</summary>
    public static async Task SleepUntilAsync(long utcTicks)
    {
        while (true)
        {
            var left = utcTicks - DateTime.UtcNow.Ticks;
            if (left <= 0)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromTicks(Math.Min(left, TimeSpan.TicksPerSecond)));
        }
    }
}

/// <summary>Timings of the phases before the window.</summary>
internal sealed class W1Phases
{
    public double InitMs { get; set; }

    public double RegisterMs { get; set; }

    public double StartMs { get; set; }
}
