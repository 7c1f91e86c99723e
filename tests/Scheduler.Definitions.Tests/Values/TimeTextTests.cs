using System.Globalization;
using Scheduler.Definitions.Values;

namespace Scheduler.Definitions.Tests.Values;

/// <summary>How the command line and the page write instants and spans: one text for one duration everywhere.</summary>
public sealed class TimeTextTests
{
    [Theory]
    [InlineData(0, "0 ms")]
    [InlineData(850, "850 ms")]
    [InlineData(9_999, "9999 ms")]
    [InlineData(10_000, "10.0 s")]
    [InlineData(12_540, "12.5 s")]
    [InlineData(119_900, "119.9 s")]
    [InlineData(120_000, "2m")]
    [InlineData(125_400, "2m5s")]
    [InlineData(125_600, "2m6s")]
    [InlineData(5_400_000, "1h30m")]
    [InlineData(93_784_000, "1d2h3m4s")]
    [InlineData(-1, "-")]
    public void Durations_read_as_decimals_below_two_minutes_and_in_task_file_units_from_two_minutes_on(long milliseconds, string expected) =>
        Assert.Equal(expected, TimeText.Duration(TimeSpan.FromMilliseconds(milliseconds)));

    [Theory]
    [InlineData("2026-11-23T11:20:00Z", "2026-11-23T11:24:00Z", "in 4 min")]
    [InlineData("2026-11-23T11:20:00Z", "2026-11-23T11:20:30Z", "in 30 s")]
    [InlineData("2026-11-23T11:20:00Z", "2026-11-23T11:20:00.4Z", "now")]
    [InlineData("2026-11-23T11:20:00Z", "2026-11-23T09:10:00Z", "2 h ago")]
    [InlineData("2026-11-23T11:20:00Z", "2026-11-26T11:20:00Z", "in 3 d")]
    public void Relative_times_are_rounded_down_to_one_unit(string now, string instant, string expected) =>
        Assert.Equal(expected, TimeText.Relative(Parse(instant), Parse(now)));

    [Theory]
    [InlineData("2026-11-23T11:20:00.900+01:00", "2026-11-23T10:20:00Z")]
    [InlineData("2027-03-28T00:59:59Z", "2027-03-28T00:59:59Z")]
    public void Utc_instants_are_written_to_the_second_with_a_Z(string instant, string expected)
    {
        Assert.Equal(expected, TimeText.Utc(Parse(instant)));
        Assert.Null(TimeText.Utc((DateTimeOffset?)null));
    }

    [Fact]
    public void Local_times_carry_the_zone_offset_on_both_sides_of_the_DST_change()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        Assert.Equal("Sat 2027-03-27 02:30:00 +01:00", TimeText.Local(new DateTimeOffset(2027, 3, 27, 1, 30, 0, TimeSpan.Zero), berlin));
        Assert.Equal("Sun 2027-03-28 03:00:00 +02:00", TimeText.Local(new DateTimeOffset(2027, 3, 28, 1, 0, 0, TimeSpan.Zero), berlin));
    }

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
