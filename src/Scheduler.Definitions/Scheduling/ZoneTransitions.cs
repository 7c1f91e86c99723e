using System.Collections.Concurrent;

namespace Scheduler.Definitions.Scheduling;

/// <summary>
/// The offset changes of one zone, discovered from <see cref="TimeZoneInfo.GetUtcOffset(DateTime)"/>
/// alone (probe, then binary-search to the second) and cached per UTC year. Asking the zone
/// generically, instead of decoding adjustment rules or keeping a table, keeps us right for
/// 30-minute DST (Lord Howe), odd offsets (Chatham) and whatever tzdata says next year.
/// </summary>
internal sealed class ZoneTransitions
{
    /// <summary>
    /// Offsets are probed this far apart. Two changes closer than this that cancel out would be
    /// missed; tzdata has no such pair in modern times, and the cost is paid once per zone and year.
    /// </summary>
    private static readonly long ProbeStepTicks = TimeSpan.FromHours(6).Ticks;

    private static readonly ConcurrentDictionary<TimeZoneInfo, ZoneTransitions> ByZone = new();

    private readonly TimeZoneInfo _zone;
    private readonly ConcurrentDictionary<int, ZoneTransition[]> _byYear = new();

    private ZoneTransitions(TimeZoneInfo zone) => _zone = zone;

    /// <summary>Shared per zone, so every schedule in the same zone reuses the same year lists.</summary>
    public static ZoneTransitions For(TimeZoneInfo zone) => ByZone.GetOrAdd(zone, static z => new ZoneTransitions(z));

    /// <summary>The transitions whose instant falls in the given UTC year, in order.</summary>
    public ReadOnlySpan<ZoneTransition> InYear(int year) =>
        year is < 1 or > 9999 ? [] : _byYear.GetOrAdd(year, static (y, self) => self.Compute(y), this);

    /// <summary>The first transition strictly after <paramref name="utcTicks"/>, looking no further than the next UTC year.</summary>
    public bool TryGetNextAfter(long utcTicks, out ZoneTransition transition)
    {
        var year = new DateTime(utcTicks).Year;
        foreach (var candidate in InYear(year))
        {
            if (candidate.UtcTicks > utcTicks)
            {
                transition = candidate;
                return true;
            }
        }

        var following = InYear(year + 1);
        if (following.Length > 0)
        {
            transition = following[0];
            return true;
        }

        transition = default;
        return false;
    }

    /// <summary>The last transition at or before <paramref name="utcTicks"/>, looking no further back than the previous UTC year.</summary>
    public bool TryGetAtOrBefore(long utcTicks, out ZoneTransition transition)
    {
        var year = new DateTime(utcTicks).Year;
        var current = InYear(year);
        for (var i = current.Length - 1; i >= 0; i--)
        {
            if (current[i].UtcTicks <= utcTicks)
            {
                transition = current[i];
                return true;
            }
        }

        var previous = InYear(year - 1);
        if (previous.Length > 0)
        {
            transition = previous[^1];
            return true;
        }

        transition = default;
        return false;
    }

    private ZoneTransition[] Compute(int year)
    {
        var start = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
        var end = year == 9999 ? DateTime.MaxValue.Ticks : new DateTime(year + 1, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

        // Start one second before New Year so a change exactly at midnight UTC belongs to this year;
        // stop one second before the next, so a change at that midnight belongs to the next year.
        var a = year == 1 ? start : start - TimeSpan.TicksPerSecond;
        var last = end - TimeSpan.TicksPerSecond;
        var offsetA = OffsetAt(a);
        List<ZoneTransition>? found = null;
        while (a < last)
        {
            var b = Math.Min(a + ProbeStepTicks, last);
            var offsetB = OffsetAt(b);

            // More than one change may hide between two probes; peel them off one by one.
            while (offsetA != offsetB)
            {
                var at = FirstSecondWithOtherOffset(a, b, offsetA);
                var after = OffsetAt(at);
                (found ??= []).Add(new ZoneTransition(at, offsetA, after));
                a = at;
                offsetA = after;
            }

            a = b;
            offsetA = offsetB;
        }

        return found?.ToArray() ?? [];
    }

    /// <summary>Smallest whole second in (lo, hi] whose offset differs from <paramref name="offsetAtLo"/>; hi must differ.</summary>
    private long FirstSecondWithOtherOffset(long lo, long hi, TimeSpan offsetAtLo)
    {
        var loSeconds = lo / TimeSpan.TicksPerSecond;
        var hiSeconds = hi / TimeSpan.TicksPerSecond;
        while (hiSeconds - loSeconds > 1)
        {
            var mid = loSeconds + ((hiSeconds - loSeconds) / 2);
            if (OffsetAt(mid * TimeSpan.TicksPerSecond) == offsetAtLo)
            {
                loSeconds = mid;
            }
            else
            {
                hiSeconds = mid;
            }
        }

        return hiSeconds * TimeSpan.TicksPerSecond;
    }

    private TimeSpan OffsetAt(long utcTicks) => _zone.GetUtcOffset(new DateTime(utcTicks, DateTimeKind.Utc));
}
