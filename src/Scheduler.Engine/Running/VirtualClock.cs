namespace Scheduler.Engine.Running;

/// <summary>
/// A clock that starts at a chosen instant and runs <see cref="Rate"/> times faster than real time, for
/// demos of DST and catch-up and for end-to-end tests. Timers are scaled too, so every delay, timeout and
/// recorded time in the process follows it.
/// </summary>
public sealed class VirtualClock : TimeProvider
{
    private long _realStart = System.GetTimestamp();

    public VirtualClock(DateTimeOffset start, double rate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(rate, 0);
        Start = start.ToUniversalTime();
        Rate = rate;
    }

    public DateTimeOffset Start { get; }

    public double Rate { get; }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>
    /// Restarts the virtual time at <see cref="Start"/>. Called when the engine starts, so the seconds spent
    /// opening the store and starting the host (minutes at a high rate) do not eat into the demo.
    /// </summary>
    public void Anchor() => Interlocked.Exchange(ref _realStart, System.GetTimestamp());

    public override DateTimeOffset GetUtcNow() => Start + System.GetElapsedTime(_realStart) * Rate;

    public override long GetTimestamp() => (long)(System.GetTimestamp() * Rate);

    public override long TimestampFrequency => System.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(System.CreateTimer(callback, state, Scale(dueTime), Scale(period)), this);

    private TimeSpan Scale(TimeSpan virtualSpan) =>
        virtualSpan == Timeout.InfiniteTimeSpan || virtualSpan <= TimeSpan.Zero ? virtualSpan : virtualSpan / Rate;

    /// <summary>A real timer whose <see cref="Change"/> takes virtual spans.</summary>
    private sealed class ScaledTimer(ITimer inner, VirtualClock clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(clock.Scale(dueTime), clock.Scale(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
