namespace Scheduler.Definitions.Scheduling;

/// <summary>
/// Another schedule's slots, each moved later by one fixed <see cref="Offset"/>. The moved instants are the task's
/// slots everywhere (the engine, <c>next</c>, <c>plan</c>, the page), so a jittered task is planned, claimed and
/// shown at the time it really fires; the next slot is still computed from the previous one, so nothing drifts.
/// </summary>
public sealed class JitteredSchedule : Schedule
{
    public JitteredSchedule(Schedule inner, TimeSpan offset)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfLessThan(offset, TimeSpan.Zero);
        Inner = inner;
        Offset = offset;
    }

    /// <summary>The schedule as written, before the offset.</summary>
    public Schedule Inner { get; }

    public TimeSpan Offset { get; }

    public override TimeZoneInfo TimeZone => Inner.TimeZone;

    public override Slot? NextAfter(DateTimeOffset after)
    {
        // The first moved slot after `after` is the first written slot after `after - Offset`, moved.
        if (Inner.NextAfter(after - Offset) is not { } slot)
        {
            return null;
        }

        var utc = slot.Utc + Offset;
        return new Slot(utc, TimeZoneInfo.ConvertTime(utc, TimeZone), slot.Note);
    }
}
