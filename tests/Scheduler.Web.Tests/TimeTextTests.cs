using Scheduler.Web.Rendering;

namespace Scheduler.Web.Tests;

/// <summary>How far away an instant is, as the page says it.</summary>
public sealed class TimeTextTests
{
    [Theory]
    [InlineData("2026-11-23T11:20:00Z", "2026-11-23T11:24:00Z", "in 4 min")]
    [InlineData("2026-11-23T11:20:00Z", "2026-11-23T11:20:30Z", "in 30 s")]
    [InlineData("2026-11-23T11:20:00Z", "2026-11-23T11:20:00.4Z", "now")]
    [InlineData("2026-11-23T11:20:00Z", "2026-11-23T09:10:00Z", "2 h ago")]
    [InlineData("2026-11-23T11:20:00Z", "2026-11-26T11:20:00Z", "in 3 d")]
    public void Relative_times_are_rounded_down_to_one_unit(string now, string instant, string expected) =>
        Assert.Equal(expected, TimeText.Relative(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Local_times_carry_the_zone_offset_on_both_sides_of_the_DST_change()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        Assert.Equal("Sat 2027-03-27 02:30:00 +01:00", TimeText.Local(new DateTimeOffset(2027, 3, 27, 1, 30, 0, TimeSpan.Zero), berlin));
        Assert.Equal("Sun 2027-03-28 03:00:00 +02:00", TimeText.Local(new DateTimeOffset(2027, 3, 28, 1, 0, 0, TimeSpan.Zero), berlin));
    }
}
