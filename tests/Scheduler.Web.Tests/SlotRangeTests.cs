using Scheduler.Definitions.Scheduling;
using Scheduler.Web.Pictures;

namespace Scheduler.Web.Tests;

/// <summary>The timeline's kept slots of a schedule give what stepping the schedule gives, for any window, as the windows move on.</summary>
public sealed class SlotRangeTests
{
    private static readonly DateTimeOffset Start = new(2027, 3, 27, 12, 0, 0, TimeSpan.Zero); // Berlin moves its clocks on 2027-03-28 at 02:00

    [Theory]
    [InlineData("30 2 * * *", "Europe/Berlin")] // the DST gap: 02:30 does not exist on the 28th
    [InlineData("*/7 * * * *", "UTC")] // dense: more than 96 a day
    [InlineData("0 9 * * 1", "UTC")] // sparse: none in most windows
    public void Slots_between_two_instants_are_those_of_stepping_the_schedule_as_the_windows_move_on_and_back(string cron, string zone)
    {
        Assert.True(ZonedCronSchedule.TryParse(cron, TimeZoneInfo.FindSystemTimeZoneById(zone), out var schedule, out var error), error);

        // Every 10 minutes for two days, the timeline's two windows, then a look back past where the kept list starts.
        var nows = Enumerable.Range(0, 288).Select(i => Start.AddMinutes(10 * i)).Append(Start.AddDays(-3)).Append(Start);
        foreach (var now in nows)
        {
            Assert.Equal(Stepped(schedule, now.AddHours(-24), now.AddMinutes(-1), 96), SlotRange.Between(schedule, now.AddHours(-24), now.AddMinutes(-1), 96));
            Assert.Equal(Stepped(schedule, now, now.AddHours(24), 96), SlotRange.Between(schedule, now, now.AddHours(24), 96));
        }
    }

    private static List<DateTimeOffset> Stepped(Schedule schedule, DateTimeOffset after, DateTimeOffset until, int max) =>
        [.. schedule.Upcoming(after, max).Select(s => s.Utc).TakeWhile(s => s < until)];
}
