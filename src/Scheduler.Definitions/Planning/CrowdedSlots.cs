using System.Globalization;
using Scheduler.Definitions.Model;

namespace Scheduler.Definitions.Planning;

/// <summary>
/// The plan's warning for load that piles up: an added or changed task that fires at the same instant as more than
/// <see cref="Limit"/> tasks in all (12 hourly jobs at :00 hit the same database at once), with the advice to use jitter.
/// </summary>
public static class CrowdedSlots
{
    /// <summary>More tasks than this due at one instant is a crowd.</summary>
    public const int Limit = 10;

    // The instants looked at: the next day, and at most a slot a minute of each task (a task that fires more often
    // meets every instant anyway; counting it once per minute keeps the check linear in tasks).
    private static readonly TimeSpan Window = TimeSpan.FromDays(1);
    private const int MaxSlotsPerTask = 1440;

    // At most this many tasks are warned about: the advice is the same for the rest.
    private const int MaxWarnings = 3;

    public static IEnumerable<PlanWarning> For(IReadOnlyCollection<TaskDefinition> all, IReadOnlyCollection<TaskDefinition> touched, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(all);
        ArgumentNullException.ThrowIfNull(touched);
        var watched = new Dictionary<DateTimeOffset, TaskDefinition>();
        foreach (var task in touched.Where(t => t.Enabled).OrderBy(t => t.Id, StringComparer.Ordinal))
        {
            foreach (var slot in SlotsInWindow(task, now))
            {
                watched.TryAdd(slot, task);
            }
        }

        if (watched.Count == 0)
        {
            return [];
        }

        var counts = new Dictionary<DateTimeOffset, int>();
        foreach (var task in all.Where(t => t.Enabled))
        {
            foreach (var slot in SlotsInWindow(task, now).Where(watched.ContainsKey))
            {
                counts[slot] = counts.GetValueOrDefault(slot) + 1;
            }
        }

        // One warning per task, at its first crowded instant: hourly jobs crowd every hour, and saying so 24 times
        // tells the reviewer nothing more.
        return counts.Where(c => c.Value > Limit)
            .OrderBy(c => c.Key)
            .GroupBy(c => watched[c.Key])
            .Take(MaxWarnings)
            .Select(g => Warning(g.Key, g.First().Key, g.First().Value, g.Count() - 1))
            .ToList();
    }

    private static IEnumerable<DateTimeOffset> SlotsInWindow(TaskDefinition task, DateTimeOffset now) =>
        task.Slots.Upcoming(now, MaxSlotsPerTask).TakeWhile(s => s.Utc - now <= Window).Select(s => s.Utc);

    private static PlanWarning Warning(TaskDefinition task, DateTimeOffset instant, int count, int more)
    {
        var zone = task.Slots.TimeZone;
        var local = TimeZoneInfo.ConvertTime(instant, zone).ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        var utc = instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return new PlanWarning(task.Id, PlanWarningKind.SameInstant,
            $"{count} tasks fire at {local} {task.Schedule.TimeZoneId} ({utc}){(more > 0 ? $", and as many at {more} more instants of the next day" : "")}; consider jitter: a few minutes spreads them.");
    }
}
