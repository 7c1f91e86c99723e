namespace Scheduler.Definitions.Scheduling;

/// <summary>
/// Computes the slots of one schedule. There is no clock inside: every query takes the instant
/// to start from, and the next slot is always computed from the previous slot, so nothing drifts.
/// </summary>
public abstract class Schedule
{
    /// <summary>The zone the schedule is defined in (UTC for fixed-rate schedules).</summary>
    public abstract TimeZoneInfo TimeZone { get; }

    /// <summary>The first slot strictly after <paramref name="after"/>, or null when the schedule never fires again.</summary>
    public abstract Slot? NextAfter(DateTimeOffset after);

    /// <summary>Up to <paramref name="count"/> slots strictly after <paramref name="after"/>, in order.</summary>
    public IEnumerable<Slot> Upcoming(DateTimeOffset after, int count)
    {
        var cursor = after;
        for (var i = 0; i < count; i++)
        {
            if (NextAfter(cursor) is not { } slot)
            {
                yield break;
            }

            yield return slot;
            cursor = slot.Utc;
        }
    }
}
