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

    [Theory]
    [MemberData(nameof(Cases))]
    public void From_any_instant_around_a_transition_the_next_slot_matches_Cronos(string zoneId, string expression)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        Assert.True(ZonedCronSchedule.TryParse(expression, zone, out var schedule, out var error), error);
        var cronos = CronExpression.Parse(expression, schedule.IncludesSeconds ? CronFormat.IncludeSeconds : CronFormat.Standard);

        // Starting points that are not slots: every 7m13.5s across the six hours around each offset
        // change of 2026-2027 (found by asking the zone hourly), so cursors land in every part of a
        // gap's and a repeated window's neighbourhood, including the second pass.
        var changes = OffsetChanges(zone, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), 2 * 365 * 24).ToList();
        Assert.Equal(zoneId is "Asia/Kolkata" or "UTC" ? 0 : 4, changes.Count);
        foreach (var change in changes)
        {
            for (var after = change.AddHours(-3); after < change.AddHours(3); after = after.AddSeconds((7 * 60) + 13.5))
            {
                var ours = schedule.NextAfter(after) is { } slot ? Describe(slot) : "none";
                var theirs = cronos.GetNextOccurrence(after, zone) is { } at ? Format(at) : "none";
                Assert.True(ours == theirs, $"after {Format(TimeZoneInfo.ConvertTime(after, zone))}: ours {ours}, Cronos {theirs}");
            }
        }
    }

    private static IEnumerable<DateTimeOffset> OffsetChanges(TimeZoneInfo zone, DateTimeOffset start, int hours)
    {
        // Hour granularity is enough to centre the probe window near each change.
        for (var hour = 1; hour <= hours; hour++)
        {
            var at = start.AddHours(hour);
            if (zone.GetUtcOffset(at) != zone.GetUtcOffset(at.AddHours(-1)))
            {
                yield return at;
            }
        }
    }

    private static IEnumerable<string> CronosSlots(CronExpression cronos, TimeZoneInfo zone, DateTimeOffset start, DateTimeOffset end)
    {
        for (var next = cronos.GetNextOccurrence(start, zone); next is { } at && at < end; next = cronos.GetNextOccurrence(at, zone))
        {
            yield return Format(at);
        }
    }

    private static string Describe(Slot slot) => Format(slot.Local);

    private static string Format(DateTimeOffset at) => at.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
}
