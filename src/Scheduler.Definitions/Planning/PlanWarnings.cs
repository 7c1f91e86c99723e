using System.Globalization;
using Scheduler.Definitions.Model;
using Scheduler.Definitions.Values;

namespace Scheduler.Definitions.Planning;

/// <summary>
/// The checks a reviewer would want done on an added or changed task: valid definitions that are
/// still likely mistakes. Disabled tasks fire nothing, so they get none.
/// </summary>
public static class PlanWarnings
{
    /// <summary>More slots a day than this with <c>catch-up: all</c> is a backlog worth a look.</summary>
    public const int BacklogSlotsPerDay = 100;

    // Counting stops here: past one slot a minute the exact number no longer changes the advice.
    private const int MaxCountedSlotsPerDay = 1440;

    public static IEnumerable<PlanWarning> For(TaskDefinition task, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (!task.Enabled)
        {
            yield break;
        }

        // Three slots are enough: a schedule that fires twice within some minute shows it in the first pair
        // of that minute, and the first slot may be the last of a busy minute.
        var first = task.Slots.Upcoming(now, 3).ToList();
        if (first.Count == 0)
        {
            yield break; // manual only
        }

        var shortest = first.Zip(first.Skip(1), (a, b) => b.Utc - a.Utc).DefaultIfEmpty(TimeSpan.MaxValue).Min();
        if (shortest < TimeSpan.FromMinutes(1))
        {
            yield return new PlanWarning(task.Id, PlanWarningKind.FiresOften,
                $"fires as often as every {Durations.Format(shortest)}, more than once a minute: is that meant? Each slot is a run recorded in the history.");
        }

        if (task.CatchUp == CatchUpPolicy.All && SlotsPerDay(task, now) is var perDay and > BacklogSlotsPerDay)
        {
            var count = perDay > MaxCountedSlotsPerDay ? $"more than {MaxCountedSlotsPerDay}" : perDay.ToString(CultureInfo.InvariantCulture);
            yield return new PlanWarning(task.Id, PlanWarningKind.CatchUpBacklog,
                $"catch-up: all with {count} slots a day: after downtime it runs up to {task.MaxCatchUp} missed slots back to back. Consider catch-up: latest, or a lower max-catch-up.");
        }

        var next = first[0];
        if (next.Utc - now <= TimeSpan.FromHours(1))
        {
            var local = task.Schedule.TimeZoneId == "UTC" ? "" : $" ({next.Local.ToString("HH:mm:ss zzz", CultureInfo.InvariantCulture)} {task.Schedule.TimeZoneId})";
            yield return new PlanWarning(task.Id, PlanWarningKind.FiresSoon,
                $"fires within the hour after merge: next at {Utc(next.Utc)}{local}, {Durations.Format(next.Utc - now)} from now.");
        }
    }

    private static int SlotsPerDay(TaskDefinition task, DateTimeOffset now)
    {
        var end = now.AddDays(1);
        return task.Slots.Upcoming(now, MaxCountedSlotsPerDay + 1).TakeWhile(s => s.Utc <= end).Count();
    }

    private static string Utc(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
