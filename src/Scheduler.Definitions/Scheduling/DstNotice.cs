using System.Globalization;

namespace Scheduler.Definitions.Scheduling;

/// <summary>
/// A day on which a fixed-time schedule does not run at its nominal local time because of a
/// daylight-saving change, and when it runs instead. Shown to users as a heads-up, not an error.
/// </summary>
/// <param name="Date">The local date of the nominal occurrence.</param>
/// <param name="NominalLocalTime">The wall-clock time the expression names.</param>
/// <param name="Kind">Whether that time is skipped or repeated.</param>
/// <param name="RunsAt">The instant the schedule actually fires, with the zone's offset at that instant.</param>
public sealed record DstNotice(DateOnly Date, TimeOnly NominalLocalTime, DstNoticeKind Kind, DateTimeOffset RunsAt)
{
    /// <summary>
    /// One line for the user, e.g. <c>on 2027-03-28 02:30 does not exist in Europe/Berlin; it runs at 03:00</c>
    /// or <c>on 2026-10-25 02:30 occurs twice in Europe/Berlin; it runs once, at the first (+02:00)</c>.
    /// </summary>
    public string Describe(string zoneId)
    {
        var nominal = $"on {Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {FormatTime(NominalLocalTime)}";
        if (Kind == DstNoticeKind.RepeatedHour)
        {
            return $"{nominal} occurs twice in {zoneId}; it runs once, at the first ({FormatOffset(RunsAt.Offset)})";
        }

        // A gap can swallow midnight (or a whole day, as in Samoa in 2011): then the date is needed too.
        var runsOn = DateOnly.FromDateTime(RunsAt.DateTime);
        var runsAt = FormatTime(TimeOnly.FromDateTime(RunsAt.DateTime));
        var when = runsOn == Date ? runsAt : $"{runsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {runsAt}";
        return $"{nominal} does not exist in {zoneId}; it runs at {when}";
    }

    /// <summary>Seconds only when the expression uses them, so the common case reads "02:30".</summary>
    private static string FormatTime(TimeOnly time) =>
        time.ToString(time.Second == 0 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture);

    private static string FormatOffset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
}
