namespace Scheduler.Definitions.Scheduling;

/// <summary>The shortest time between two consecutive slots of a schedule, as far as a sample of its slots shows.</summary>
public static class ShortestInterval
{
    // A fixed rate is exact; a cron schedule is sampled: 400 slots or two years, whichever ends first, covers
    // every pattern of minutes, hours, weekdays and months, and DST changes in both directions.
    private const int SampledSlots = 400;
    private static readonly TimeSpan SampledSpan = TimeSpan.FromDays(731);

    /// <summary>The shortest gap after <paramref name="from"/>, or null when the schedule fires at most once.</summary>
    public static TimeSpan? Of(Schedule schedule, DateTimeOffset from)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (schedule is FixedRateSchedule fixedRate)
        {
            return fixedRate.Interval;
        }

        TimeSpan? shortest = null;
        DateTimeOffset? previous = null;
        foreach (var slot in schedule.Upcoming(from, SampledSlots).TakeWhile(s => s.Utc - from <= SampledSpan))
        {
            if (previous is { } p && (shortest is null || slot.Utc - p < shortest))
            {
                shortest = slot.Utc - p;
            }

            previous = slot.Utc;
        }

        return shortest;
    }
}
