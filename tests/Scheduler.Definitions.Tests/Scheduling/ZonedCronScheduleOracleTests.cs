using System.Globalization;
using Cronos;
using Scheduler.Definitions.Scheduling;

namespace Scheduler.Definitions.Tests.Scheduling;

/// <summary>
/// Cronos implements the same Vixie-cron DST rules independently, so two years of slots from both
/// must agree instant for instant (and offset for offset). Expressions restricting both day-of-month
/// and day-of-week are left out on purpose: that is where cron libraries traditionally disagree.
/// </summary>
public sealed class ZonedCronScheduleOracleTests
{
    private static readonly string[] Zones =
        ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "Pacific/Chatham", "UTC"];

    private static readonly string[] Expressions =
    [
        "30 2 * * *", "0 2 * * *", "*/15 * * * *", "0 * * * *", "15,45 1-3 * * *", "0 */2 * * *",
        "0 0 * * 0", "30 1 * * *", "45 2 * * *", "0 3 * * *", "15 2 * * *", "45 3 * * *", "0,30 2 * * *",
        "*/30 * * * *", "30 2 * * 0", "0 0 29 2 *", "5 1-4 * * *", "50 0-3/2 * * *", "*/20 * 2 * * *",
        "30 45 2 * * *", "0 30 1 * * *", "*/10 2 * * *", "59 1,2 * 3,4,9,10,11 *",
    ];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var zone in Zones)
        {
            foreach (var expression in Expressions)
            {
                data.Add(zone, expression);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Two_years_of_slots_match_Cronos(string zoneId, string expression)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        Assert.True(ZonedCronSchedule.TryParse(expression, zone, out var schedule, out var error), error);
        var format = schedule.IncludesSeconds ? CronFormat.IncludeSeconds : CronFormat.Standard;
        var cronos = CronExpression.Parse(expression, format);

        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var end = start.AddYears(2);
        var ours = schedule.Upcoming(start, int.MaxValue).TakeWhile(slot => slot.Utc < end).Select(Describe).ToList();
        var theirs = CronosSlots(cronos, zone, start, end).ToList();

        var firstDifference = Enumerable.Range(0, Math.Min(ours.Count, theirs.Count)).FirstOrDefault(i => ours[i] != theirs[i], -1);
        Assert.True(
            firstDifference < 0 && ours.Count == theirs.Count,
            firstDifference < 0
                ? $"counts differ: ours {ours.Count}, Cronos {theirs.Count}"
                : $"slot {firstDifference}: ours {ours[firstDifference]}, Cronos {theirs[firstDifference]}; "
                  + $"before: {string.Join(", ", ours.Skip(Math.Max(0, firstDifference - 3)).Take(3))}");
    }

    private static IEnumerable<string> CronosSlots(CronExpression cronos, TimeZoneInfo zone, DateTimeOffset start, DateTimeOffset end)
    {
        for (var next = cronos.GetNextOccurrence(start, zone); next is { } at && at < end; next = cronos.GetNextOccurrence(at, zone))
        {
            yield return at.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
        }
    }

    private static string Describe(Slot slot) => slot.Local.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
}
