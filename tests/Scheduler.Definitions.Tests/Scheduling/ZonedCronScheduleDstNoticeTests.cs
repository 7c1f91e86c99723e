using System.Globalization;
using Scheduler.Definitions.Scheduling;

namespace Scheduler.Definitions.Tests.Scheduling;

public sealed class ZonedCronScheduleDstNoticeTests
{
    private static readonly DateTimeOffset Start2026 = DateTimeOffset.Parse("2026-01-01T00:00:00+00:00", CultureInfo.InvariantCulture);

    [Fact]
    public void A_fixed_time_inside_the_changes_gets_one_notice_per_change()
    {
        var notices = Notices("Europe/Berlin", "30 2 * * *", Start2026, Start2026.AddYears(1));

        Assert.Equal(
            [
                new DstNotice(new DateOnly(2026, 3, 29), new TimeOnly(2, 30), DstNoticeKind.Gap, At("2026-03-29T03:00:00+02:00")),
                new DstNotice(new DateOnly(2026, 10, 25), new TimeOnly(2, 30), DstNoticeKind.RepeatedHour, At("2026-10-25T02:30:00+02:00")),
            ],
            notices);
    }

    [Theory]
    [InlineData("Europe/Berlin", "30 2 * * *", "2027-01-01T00:00:00+00:00", new[]
    {
        "on 2027-03-28 02:30 does not exist in Europe/Berlin; it runs at 03:00",
        "on 2027-10-31 02:30 occurs twice in Europe/Berlin; it runs once, at the first (+02:00)",
    })]
    [InlineData("Europe/Berlin", "15,45 2 * * *", "2026-01-01T00:00:00+00:00", new[]
    {
        "on 2026-03-29 02:15 does not exist in Europe/Berlin; it runs at 03:00",
        "on 2026-03-29 02:45 does not exist in Europe/Berlin; it runs at 03:00",
        "on 2026-10-25 02:15 occurs twice in Europe/Berlin; it runs once, at the first (+02:00)",
        "on 2026-10-25 02:45 occurs twice in Europe/Berlin; it runs once, at the first (+02:00)",
    })]
    [InlineData("Europe/Berlin", "30 30 2 * * *", "2026-01-01T00:00:00+00:00", new[]
    {
        "on 2026-03-29 02:30:30 does not exist in Europe/Berlin; it runs at 03:00",
        "on 2026-10-25 02:30:30 occurs twice in Europe/Berlin; it runs once, at the first (+02:00)",
    })]
    [InlineData("America/New_York", "30 1 * * *", "2026-01-01T00:00:00+00:00", new[]
    {
        "on 2026-11-01 01:30 occurs twice in America/New_York; it runs once, at the first (-04:00)",
    })]
    [InlineData("Australia/Lord_Howe", "45 1 * * *", "2026-01-01T00:00:00+00:00", new[]
    {
        "on 2026-04-05 01:45 occurs twice in Australia/Lord_Howe; it runs once, at the first (+11:00)",
    })]
    [InlineData("Australia/Lord_Howe", "15 2 * * *", "2026-01-01T00:00:00+00:00", new[]
    {
        "on 2026-10-04 02:15 does not exist in Australia/Lord_Howe; it runs at 02:30",
    })]
    [InlineData("Pacific/Chatham", "0 3 * * *", "2026-01-01T00:00:00+00:00", new[]
    {
        "on 2026-04-05 03:00 occurs twice in Pacific/Chatham; it runs once, at the first (+13:45)",
        "on 2026-09-27 03:00 does not exist in Pacific/Chatham; it runs at 03:45",
    })]
    // A weekly schedule only hears about the changes that fall on its day (both 2026 changes are Sundays).
    [InlineData("Europe/Berlin", "30 2 * * 1", "2026-01-01T00:00:00+00:00", new string[0])]
    [InlineData("Europe/Berlin", "0 4 * * *", "2026-01-01T00:00:00+00:00", new string[0])]
    [InlineData("Asia/Kolkata", "30 2 * * *", "2026-01-01T00:00:00+00:00", new string[0])]
    [InlineData("UTC", "30 2 * * *", "2026-01-01T00:00:00+00:00", new string[0])]
    public void Notices_describe_the_day_the_time_and_when_it_runs(string zoneId, string expression, string from, string[] expected)
    {
        var start = At(from);

        var notices = Notices(zoneId, expression, start, start.AddYears(1));

        Assert.Equal(expected, notices.Select(notice => notice.Describe(zoneId)));
    }

    [Theory]
    [InlineData("*/15 * * * *")]
    [InlineData("0 * * * *")]
    [InlineData("15,45 1-3 * * *")]
    public void Interval_style_expressions_get_no_notices(string expression) =>
        Assert.Empty(Notices("Europe/Berlin", expression, Start2026, Start2026.AddYears(1)));

    [Fact]
    public void The_range_includes_its_start_and_excludes_its_end()
    {
        var runsAt = At("2026-03-29T03:00:00+02:00");

        Assert.Single(Notices("Europe/Berlin", "30 2 * * *", runsAt, runsAt.AddDays(1)));
        Assert.Empty(Notices("Europe/Berlin", "30 2 * * *", runsAt.AddDays(-1), runsAt));
    }

    [Fact]
    public void A_decade_of_notices_comes_from_the_transitions_alone()
    {
        var notices = Notices("Europe/Berlin", "30 2 * * *", Start2026, Start2026.AddYears(10));

        Assert.Equal(20, notices.Count);
        Assert.Equal(10, notices.Count(notice => notice.Kind == DstNoticeKind.Gap));
        Assert.All(notices, notice => Assert.Equal(new TimeOnly(2, 30), notice.NominalLocalTime));
    }

    private static IReadOnlyList<DstNotice> Notices(string zoneId, string expression, DateTimeOffset from, DateTimeOffset to)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        Assert.True(ZonedCronSchedule.TryParse(expression, zone, out var schedule, out var error), error);
        return schedule.DstNotices(from, to);
    }

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
