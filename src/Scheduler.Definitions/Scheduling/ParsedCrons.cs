using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Scheduler.Definitions.Scheduling;

/// <summary>
/// Cron expressions already parsed, by text and zone: a folder of task files repeats a few expressions
/// (<c>0 * * * *</c>, <c>30 2 * * *</c>) thousands of times, and a <see cref="ZonedCronSchedule"/> is immutable, so
/// tasks can share one. Failures are not kept (their message is built again, as it is rare). Bounded, so a service
/// that reloads changing files for months cannot grow it without end; past the bound it parses as before.
/// </summary>
internal static class ParsedCrons
{
    private const int MaxEntries = 4096;

    private static readonly ConcurrentDictionary<Key, ZonedCronSchedule> Known = new();

    public static bool TryParse(
        string expression, TimeZoneInfo zone, [NotNullWhen(true)] out ZonedCronSchedule? schedule, [NotNullWhen(false)] out string? error)
    {
        var key = new Key(expression, zone);
        if (Known.TryGetValue(key, out schedule))
        {
            error = null;
            return true;
        }

        if (!ZonedCronSchedule.TryParse(expression, zone, out schedule, out error))
        {
            return false;
        }

        if (Known.Count < MaxEntries)
        {
            Known.TryAdd(key, schedule);
        }

        return true;
    }

    /// <summary>The zone by reference: the catalog hands out one instance per id, and two instances could differ in rules.</summary>
    private readonly record struct Key(string Expression, TimeZoneInfo Zone)
    {
        public bool Equals(Key other) => string.Equals(Expression, other.Expression, StringComparison.Ordinal) && ReferenceEquals(Zone, other.Zone);

        public override int GetHashCode() => HashCode.Combine(string.GetHashCode(Expression, StringComparison.Ordinal), System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(Zone));
    }
}
