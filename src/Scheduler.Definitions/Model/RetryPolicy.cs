namespace Scheduler.Definitions.Model;

/// <summary>
/// Retries after a failed run: <see cref="Attempts"/> more attempts, waiting <see cref="Backoff"/>,
/// then twice that, and so on. Each attempt is its own run.
/// </summary>
public sealed record RetryPolicy(int Attempts, TimeSpan Backoff)
{
    public static RetryPolicy None { get; } = new(0, TimeSpan.Zero);

    /// <summary>The wait before retry number <paramref name="retry"/> (1-based): backoff × 2^(retry-1).</summary>
    public TimeSpan DelayBefore(int retry)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        var factor = Math.Pow(2, Math.Min(retry - 1, 30));
        return TimeSpan.FromTicks((long)Math.Min(Backoff.Ticks * factor, TimeSpan.FromDays(7).Ticks));
    }
}
