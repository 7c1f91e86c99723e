using System.Globalization;
using Scheduler.Definitions.Parsing;

namespace Scheduler.Definitions.Tests.Parsing;

/// <summary>The hand-written time-of-day reader accepts exactly what TimeOnly.TryParseExact with the four formats accepted before.</summary>
public sealed class ClockTimeTests
{
    private static readonly string[] Formats = ["H:mm", "HH:mm", "H:mm:ss", "HH:mm:ss"];

    [Theory]
    [InlineData("02:30")]
    [InlineData("2:30")]
    [InlineData("0:00")]
    [InlineData("23:59")]
    [InlineData("23:59:59")]
    [InlineData("6:45:30")]
    [InlineData("06:45:30")]
    [InlineData("24:00")]
    [InlineData("23:60")]
    [InlineData("12:00:60")]
    [InlineData("002:30")]
    [InlineData("2:3")]
    [InlineData("2:300")]
    [InlineData("2:30:1")]
    [InlineData("2:30:")]
    [InlineData(":30")]
    [InlineData("2.30")]
    [InlineData("2 :30")]
    [InlineData("02:30 ")]
    [InlineData("+2:30")]
    [InlineData("-2:30")]
    [InlineData("２:30")]
    [InlineData("02:30pm")]
    [InlineData("noon")]
    [InlineData("")]
    public void A_time_of_day_is_read_as_the_four_formats_read_it(string text)
    {
        var expected = TimeOnly.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var expectedTime);

        var actual = ClockTime.TryParse(text, out var actualTime);

        Assert.Equal((expected, expectedTime), (actual, actualTime));
    }
}
