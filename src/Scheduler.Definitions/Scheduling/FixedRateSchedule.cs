namespace Scheduler.Definitions.Scheduling;

/// <summary>
/// Fires every <see cref="Interval"/>, at whole multiples of it counted from 1970-01-01T00:00Z.
/// Anchoring to the epoch (not to start-up or to the last run) means restarts never shift the slots.
/// </summary>
public sealed class FixedRateSchedule : Schedule
{
    public FixedRateSchedule(TimeSpan interval, TimeZoneInfo? displayZone = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        Interval = interval;
        TimeZone = displayZone ?? TimeZoneInfo.Utc;
    }

    public TimeSpan Interval { get; }

    /// <summary>Only used to show local times: a fixed rate is the same instant in every zone.</summary>
    public override TimeZoneInfo TimeZone { get; }

    public override Slot? NextAfter(DateTimeOffset after)
    {
        var sinceEpoch = after.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var periods = Math.DivRem(sinceEpoch, Interval.Ticks, out var remainder);
        if (remainder < 0)
        {
            periods--; // floor, not truncation, for instants before the epoch
        }

        var next = DateTimeOffset.UnixEpoch.AddTicks((periods + 1) * Interval.Ticks);
        var utc = next.ToUniversalTime();
        return new Slot(utc, TimeZoneInfo.ConvertTime(utc, TimeZone), SlotNote.None);
    }
}
