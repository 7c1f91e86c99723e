using System.Globalization;
using Scheduler.Definitions.Scheduling;

namespace Scheduler.Definitions.Tests.Scheduling;

/// <summary>
/// Slots around daylight-saving changes, written out as literal local times with offsets. Each
/// expected entry is "local time with offset" plus the note when there is one.
/// </summary>
public sealed class ZonedCronScheduleDstTests
{
    // Europe/Berlin, spring 2027-03-28 at 01:00Z: 02:00 +01:00 jumps to 03:00 +02:00 (02:00-02:59 do not exist).
    [Theory]
    [InlineData("30 2 * * *", "2027-03-27T12:00:00+01:00", new[] { "2027-03-28T03:00:00+02:00 DstGapShifted", "2027-03-29T02:30:00+02:00" })]
    [InlineData("0 2 * * *", "2027-03-27T12:00:00+01:00", new[] { "2027-03-28T03:00:00+02:00 DstGapShifted", "2027-03-29T02:00:00+02:00" })]
    [InlineData("0 3 * * *", "2027-03-27T12:00:00+01:00", new[] { "2027-03-28T03:00:00+02:00", "2027-03-29T03:00:00+02:00" })]
    [InlineData("15,45 2 * * *", "2027-03-27T12:00:00+01:00", new[] { "2027-03-28T03:00:00+02:00 DstGapShifted", "2027-03-29T02:15:00+02:00" })]
    public void A_fixed_time_in_the_spring_forward_gap_runs_once_at_the_end_of_the_gap(string expression, string after, string[] expected) =>
        AssertSlots("Europe/Berlin", expression, after, expected);

    // Same Berlin gap: */15 would fire at 02:00, 02:15, 02:30, 02:45 and 03:00; all of them are one slot at 03:00 +02:00.
    [Theory]
    [InlineData("*/15 * * * *", "2027-03-28T01:30:00+01:00", new[]
    {
        "2027-03-28T01:45:00+01:00", "2027-03-28T03:00:00+02:00 DstGapShifted", "2027-03-28T03:15:00+02:00",
    })]
    [InlineData("*/20 * 2 * * *", "2027-03-28T01:59:50+01:00", new[] { "2027-03-28T03:00:00+02:00 DstGapShifted", "2027-03-29T02:00:00+02:00" })]
    public void An_interval_in_the_spring_forward_gap_fires_once_at_the_end_of_the_gap(string expression, string after, string[] expected) =>
        AssertSlots("Europe/Berlin", expression, after, expected);

    // Europe/Berlin, autumn 2026-10-25 at 01:00Z: 03:00 +02:00 falls back to 02:00 +01:00 (02:00-02:59 happen twice).
    [Theory]
    [InlineData("30 2 * * *", "2026-10-24T12:00:00+02:00", new[] { "2026-10-25T02:30:00+02:00 DstRepeatedHour", "2026-10-26T02:30:00+01:00" })]
    [InlineData("0 30 2 * * *", "2026-10-24T12:00:00+02:00", new[] { "2026-10-25T02:30:00+02:00 DstRepeatedHour", "2026-10-26T02:30:00+01:00" })]
    [InlineData("15,45 2 * * *", "2026-10-25T01:00:00+02:00", new[]
    {
        "2026-10-25T02:15:00+02:00 DstRepeatedHour", "2026-10-25T02:45:00+02:00 DstRepeatedHour", "2026-10-26T02:15:00+01:00",
    })]
    // Starting inside the second pass: the first pass already ran, so the next run is tomorrow.
    [InlineData("30 2 * * *", "2026-10-25T02:10:00+01:00", new[] { "2026-10-26T02:30:00+01:00" })]
    public void A_fixed_time_in_the_repeated_hour_runs_once_in_the_first_pass(string expression, string after, string[] expected) =>
        AssertSlots("Europe/Berlin", expression, after, expected);

    // Same Berlin overlap: "every N" keeps going through both passes.
    [Theory]
    [InlineData("*/30 * * * *", "2026-10-25T01:45:00+02:00", new[]
    {
        "2026-10-25T02:00:00+02:00 DstRepeatedHour", "2026-10-25T02:30:00+02:00 DstRepeatedHour",
        "2026-10-25T02:00:00+01:00 DstRepeatedHour", "2026-10-25T02:30:00+01:00 DstRepeatedHour", "2026-10-25T03:00:00+01:00",
    })]
    [InlineData("*/30 * * * *", "2026-10-25T02:10:00+01:00", new[] { "2026-10-25T02:30:00+01:00 DstRepeatedHour", "2026-10-25T03:00:00+01:00" })]
    [InlineData("15,45 1-3 * * *", "2026-10-25T02:50:00+02:00", new[]
    {
        "2026-10-25T02:15:00+01:00 DstRepeatedHour", "2026-10-25T02:45:00+01:00 DstRepeatedHour", "2026-10-25T03:15:00+01:00",
    })]
    [InlineData("*/20 * 2 * * *", "2026-10-25T02:59:20+02:00", new[]
    {
        "2026-10-25T02:59:40+02:00 DstRepeatedHour", "2026-10-25T02:00:00+01:00 DstRepeatedHour", "2026-10-25T02:00:20+01:00 DstRepeatedHour",
    })]
    public void An_interval_fires_in_both_passes_of_the_repeated_hour(string expression, string after, string[] expected) =>
        AssertSlots("Europe/Berlin", expression, after, expected);

    // America/New_York: 2026-03-08 02:00 -05:00 jumps to 03:00 -04:00; 2026-11-01 02:00 -04:00 falls back to 01:00 -05:00.
    [Theory]
    [InlineData("30 2 * * *", "2026-03-07T12:00:00-05:00", new[] { "2026-03-08T03:00:00-04:00 DstGapShifted", "2026-03-09T02:30:00-04:00" })]
    [InlineData("30 1 * * *", "2026-10-31T12:00:00-04:00", new[] { "2026-11-01T01:30:00-04:00 DstRepeatedHour", "2026-11-02T01:30:00-05:00" })]
    [InlineData("0 * * * *", "2026-11-01T00:30:00-04:00", new[]
    {
        "2026-11-01T01:00:00-04:00 DstRepeatedHour", "2026-11-01T01:00:00-05:00 DstRepeatedHour", "2026-11-01T02:00:00-05:00",
    })]
    public void New_York_shifts_at_two_in_spring_and_repeats_one_oclock_in_autumn(string expression, string after, string[] expected) =>
        AssertSlots("America/New_York", expression, after, expected);

    // Australia/Lord_Howe moves only 30 minutes: 2026-04-05 02:00 +11:00 falls back to 01:30 +10:30 (01:30-01:59 twice);
    // 2026-10-04 02:00 +10:30 jumps to 02:30 +11:00 (02:00-02:29 do not exist).
    [Theory]
    [InlineData("15 2 * * *", "2026-10-03T12:00:00+10:30", new[] { "2026-10-04T02:30:00+11:00 DstGapShifted", "2026-10-05T02:15:00+11:00" })]
    [InlineData("45 1 * * *", "2026-04-04T12:00:00+11:00", new[] { "2026-04-05T01:45:00+11:00 DstRepeatedHour", "2026-04-06T01:45:00+10:30" })]
    [InlineData("*/15 * * * *", "2026-04-05T01:15:00+11:00", new[]
    {
        "2026-04-05T01:30:00+11:00 DstRepeatedHour", "2026-04-05T01:45:00+11:00 DstRepeatedHour",
        "2026-04-05T01:30:00+10:30 DstRepeatedHour", "2026-04-05T01:45:00+10:30 DstRepeatedHour", "2026-04-05T02:00:00+10:30",
    })]
    public void Lord_Howe_half_hour_changes_shift_and_repeat_half_an_hour(string expression, string after, string[] expected) =>
        AssertSlots("Australia/Lord_Howe", expression, after, expected);

    // Asia/Kolkata is +05:30 all year: the dates on which Europe changes clocks are ordinary days.
    [Theory]
    [InlineData("30 2 * * *", "2026-03-29T00:00:00+05:30", new[] { "2026-03-29T02:30:00+05:30", "2026-03-30T02:30:00+05:30" })]
    [InlineData("*/30 * * * *", "2026-10-25T01:45:00+05:30", new[] { "2026-10-25T02:00:00+05:30", "2026-10-25T02:30:00+05:30" })]
    public void A_zone_without_daylight_saving_never_shifts(string expression, string after, string[] expected) =>
        AssertSlots("Asia/Kolkata", expression, after, expected);

    // Pacific/Chatham changes at 02:45 standard time: 2026-09-27 02:45 +12:45 jumps to 03:45 +13:45
    // (02:45-03:44 do not exist); 2026-04-05 03:45 +13:45 falls back to 02:45 +12:45 (02:45-03:44 twice).
    [Theory]
    [InlineData("0 3 * * *", "2026-09-26T12:00:00+12:45", new[] { "2026-09-27T03:45:00+13:45 DstGapShifted", "2026-09-28T03:00:00+13:45" })]
    [InlineData("*/30 * * * *", "2026-09-27T02:20:00+12:45", new[]
    {
        "2026-09-27T02:30:00+12:45", "2026-09-27T03:45:00+13:45 DstGapShifted", "2026-09-27T04:00:00+13:45",
    })]
    [InlineData("0 3 * * *", "2026-04-04T12:00:00+13:45", new[] { "2026-04-05T03:00:00+13:45 DstRepeatedHour", "2026-04-06T03:00:00+12:45" })]
    [InlineData("*/30 * * * *", "2026-04-05T02:40:00+13:45", new[]
    {
        "2026-04-05T03:00:00+13:45 DstRepeatedHour", "2026-04-05T03:30:00+13:45 DstRepeatedHour",
        "2026-04-05T03:00:00+12:45 DstRepeatedHour", "2026-04-05T03:30:00+12:45 DstRepeatedHour", "2026-04-05T04:00:00+12:45",
    })]
    public void Chatham_changes_at_a_quarter_to_three_local_time(string expression, string after, string[] expected) =>
        AssertSlots("Pacific/Chatham", expression, after, expected);

    [Theory]
    [InlineData("UTC", "0 0 29 2 *", "2026-01-01T00:00:00+00:00", new[] { "2028-02-29T00:00:00+00:00", "2032-02-29T00:00:00+00:00" })]
    [InlineData("Europe/Berlin", "0 0 29 2 *", "2026-01-01T00:00:00+01:00", new[] { "2028-02-29T00:00:00+01:00", "2032-02-29T00:00:00+01:00" })]
    [InlineData("Etc/UTC", "*/20 * * * * *", "2026-01-01T00:00:00.5+00:00", new[] { "2026-01-01T00:00:20+00:00", "2026-01-01T00:00:40+00:00" })]
    // Both day fields restricted: NCrontab (like Cronos) requires both, so this is Friday the 13th only.
    [InlineData("UTC", "0 0 13 * 5", "2026-01-01T00:00:00+00:00", new[] { "2026-02-13T00:00:00+00:00", "2026-03-13T00:00:00+00:00", "2026-11-13T00:00:00+00:00" })]
    public void Ordinary_schedules_fire_at_their_wall_clock_times(string zone, string expression, string after, string[] expected) =>
        AssertSlots(zone, expression, after, expected);

    [Fact]
    public void The_slot_after_a_slot_is_strictly_later()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        Assert.True(ZonedCronSchedule.TryParse("30 2 * * *", zone, out var schedule, out _));

        var slot = schedule.NextAfter(DateTimeOffset.Parse("2026-06-01T02:30:00+02:00", CultureInfo.InvariantCulture));

        Assert.Equal(DateTimeOffset.Parse("2026-06-02T02:30:00+02:00", CultureInfo.InvariantCulture), slot?.Utc);
    }

    private static void AssertSlots(string zoneId, string expression, string after, string[] expected)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        Assert.True(ZonedCronSchedule.TryParse(expression, zone, out var schedule, out var error), error);

        var slots = schedule.Upcoming(DateTimeOffset.Parse(after, CultureInfo.InvariantCulture), expected.Length).ToList();

        Assert.Equal(expected, slots.Select(Describe));
        Assert.All(slots, slot =>
        {
            // The Slot contract: Utc at offset zero, Local the same instant at the zone's offset then.
            Assert.Equal(TimeSpan.Zero, slot.Utc.Offset);
            Assert.Equal(slot.Utc, slot.Local);
            Assert.Equal(zone.GetUtcOffset(slot.Utc), slot.Local.Offset);
        });
    }

    private static string Describe(Slot slot)
    {
        var local = slot.Local.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
        return slot.Note == SlotNote.None ? local : $"{local} {slot.Note}";
    }
}
