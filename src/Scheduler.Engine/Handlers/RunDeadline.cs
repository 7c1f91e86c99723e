namespace Scheduler.Engine.Handlers;

/// <summary>Timeouts on the run's clock: a token source that fires after a span measured by <see cref="RunContext.Time"/>.</summary>
internal static class RunDeadline
{
    // CancellationTokenSource takes at most 2^32-2 ms (~49.7 days); a longer timeout is as good as none.
    private static readonly TimeSpan Longest = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    public static CancellationTokenSource After(TimeSpan span, TimeProvider time) => new(Clamp(span), time);

    /// <summary>A span a timer accepts: negative becomes zero, anything past ~49 days becomes infinite.</summary>
    public static TimeSpan Clamp(TimeSpan span) =>
        span < TimeSpan.Zero ? TimeSpan.Zero
        : span > Longest ? Timeout.InfiniteTimeSpan
        : span;
}
