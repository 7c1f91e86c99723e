using System.Globalization;
using Scheduler.Definitions.Scheduling;

namespace Scheduler.Definitions.Tests.Scheduling;

public sealed class ZonedCronScheduleParseTests
{
    [Theory]
    [InlineData("61 * * * *", "minutes must be 0-59, found '61'")]
    [InlineData("0 24 * * *", "hours must be 0-23, found '24'")]
    [InlineData("0 0 32 * *", "day-of-month must be 1-31, found '32'")]
    [InlineData("0 0 0 * *", "day-of-month must be 1-31, found '0'")]
    [InlineData("0 0 1 13 *", "month must be 1-12 or jan-dec, found '13'")]
    [InlineData("0 0 * * 7", "day-of-week must be 0-6 or sun-sat, found '7'")]
    [InlineData("0 0-25 * * *", "hours must be 0-23, found '25'")]
    [InlineData("99999999999 * * * *", "minutes must be 0-59, found '99999999999'")]
    [InlineData("60 * * * * *", "seconds must be 0-59, found '60'")]
    [InlineData("0 0 * * abc", "'abc' is not a valid day-of-week (use 0-6 or sun-sat)")]
    [InlineData("0 0 * foo *", "'foo' is not a valid month (use 1-12 or jan-dec)")]
    [InlineData("x * * * *", "'x' is not a valid minute (use 0-59)")]
    [InlineData("? * * * *", "'?' is not a valid minute (use 0-59)")]
    [InlineData("1,,2 * * * *", "'1,,2' is not a valid minute (use 0-59)")]
    [InlineData("0 0 L * *", "'L' is not a valid day-of-month (use 1-31)")]
    [InlineData("0 0 * * 1#2", "'1#2' is not a valid day-of-week (use 0-6 or sun-sat)")]
    [InlineData("0 jan * * *", "'jan' is not a valid hour (use 0-23)")]
    [InlineData("*/0 * * * *", "minutes step must be 1-59, found '0'")]
    [InlineData("*/90 * * * *", "minutes step must be 1-59, found '90'")]
    [InlineData("*/x * * * *", "'*/x' is not a valid minute (use 0-59)")]
    [InlineData("5-1 * * * *", "minutes range '5-1' must go from low to high")]
    [InlineData("0 0 * * fri-mon", "day-of-week range 'fri-mon' must go from low to high")]
    [InlineData("* * * *", "expected 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first, found 4")]
    [InlineData("* * * * * * *", "expected 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first, found 7")]
    [InlineData("@daily", "expected 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first, found 1")]
    [InlineData("   ", "expected 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first, found 0")]
    public void An_invalid_expression_is_explained_by_field_and_range(string expression, string expected)
    {
        Assert.False(ZonedCronSchedule.TryParse(expression, TimeZoneInfo.Utc, out var schedule, out var error));
        Assert.Null(schedule);
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("0 0 30 2 *", "it never fires (day 30 never occurs in February)")]
    [InlineData("0 0 31 4 *", "it never fires (day 31 never occurs in April)")]
    [InlineData("0 0 31 apr,jun,sep,nov *", "it never fires (day 31 never occurs in April, June, September or November)")]
    [InlineData("0 0 30,31 2 *", "it never fires (days 30 and 31 never occur in February)")]
    [InlineData("0 0 0 30 feb *", "it never fires (day 30 never occurs in February)")]
    public void An_expression_that_never_fires_is_an_error(string expression, string expected)
    {
        Assert.False(ZonedCronSchedule.TryParse(expression, TimeZoneInfo.Utc, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("0 0 29 2 *")]
    [InlineData("0 0 29 2 1")]
    [InlineData("0 0 31 * *")]
    [InlineData("0 9 * jan-mar MON-FRI")]
    [InlineData("  0   9 *  * 1-5  ")]
    public void A_rare_but_real_date_is_valid(string expression) =>
        Assert.True(ZonedCronSchedule.TryParse(expression, TimeZoneInfo.Utc, out _, out var error), error);

    [Fact]
    public void A_leap_day_schedule_waits_for_the_next_leap_year()
    {
        Assert.True(ZonedCronSchedule.TryParse("0 0 29 2 *", TimeZoneInfo.Utc, out var schedule, out _));

        var slot = schedule.NextAfter(DateTimeOffset.Parse("2028-03-01T00:00:00+00:00", CultureInfo.InvariantCulture));

        Assert.Equal(DateTimeOffset.Parse("2032-02-29T00:00:00+00:00", CultureInfo.InvariantCulture), slot?.Utc);
    }

    [Theory]
    [InlineData("30 2 * * *", false, false)]
    [InlineData("15,45 2 * * *", false, false)]
    [InlineData("0 0 * * 0", false, false)]
    [InlineData("0 0 1-5 * 1-5", false, false)] // ranges in the day fields do not make it an interval
    [InlineData("*/15 * * * *", false, true)]
    [InlineData("0 * * * *", false, true)]
    [InlineData("15,45 1-3 * * *", false, true)]
    [InlineData("0 0/2 * * *", false, true)]
    [InlineData("0 30 2 * * *", true, false)]
    [InlineData("*/20 30 2 * * *", true, true)] // the seconds field counts in the 6-field form
    [InlineData("0 5-10 2 * * *", true, true)]
    public void Interval_style_follows_the_Cronos_rule(string expression, bool includesSeconds, bool isIntervalStyle)
    {
        Assert.True(ZonedCronSchedule.TryParse(expression, TimeZoneInfo.Utc, out var schedule, out var error), error);

        Assert.Equal(includesSeconds, schedule.IncludesSeconds);
        Assert.Equal(isIntervalStyle, schedule.IsIntervalStyle);
    }

    [Fact]
    public void The_schedule_keeps_the_expression_and_zone_it_was_given()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        Assert.True(ZonedCronSchedule.TryParse(" 30 2 * * * ", zone, out var schedule, out _));

        Assert.Equal("30 2 * * *", schedule.Expression);
        Assert.Same(zone, schedule.TimeZone);
    }
}
