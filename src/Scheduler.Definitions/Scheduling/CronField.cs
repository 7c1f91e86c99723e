namespace Scheduler.Definitions.Scheduling;

/// <summary>
/// One field of a cron expression: its allowed range and names. It exists so that errors can name
/// the field and its range in the user's terms, instead of surfacing NCrontab's exception text.
/// </summary>
internal sealed class CronField
{
    private static readonly string[] MonthNames =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    private CronField(string plural, string singular, int min, int max, string[]? names, string? namesHint)
    {
        Plural = plural;
        Singular = singular;
        Min = min;
        Max = max;
        Names = names;
        NamesHint = namesHint;
    }

    public static CronField Seconds { get; } = new("seconds", "second", 0, 59, null, null);

    public static CronField Minutes { get; } = new("minutes", "minute", 0, 59, null, null);

    public static CronField Hours { get; } = new("hours", "hour", 0, 23, null, null);

    public static CronField DayOfMonth { get; } = new("day-of-month", "day-of-month", 1, 31, null, null);

    public static CronField Month { get; } = new("month", "month", 1, 12, MonthNames, "jan-dec");

    public static CronField DayOfWeek { get; } = new("day-of-week", "day-of-week", 0, 6, DayNames, "sun-sat");

    /// <summary>Used as the subject of "… must be 0-59".</summary>
    public string Plural { get; }

    /// <summary>Used in "'x' is not a valid …".</summary>
    public string Singular { get; }

    public int Min { get; }

    public int Max { get; }

    /// <summary>Three-letter names, index 0 meaning <see cref="Min"/>; null when the field has none.</summary>
    public string[]? Names { get; }

    private string? NamesHint { get; }

    /// <summary>"0-59", or "1-12 or jan-dec" for fields with names.</summary>
    public string AllowedText => NamesHint is null ? $"{Min}-{Max}" : $"{Min}-{Max} or {NamesHint}";
}
