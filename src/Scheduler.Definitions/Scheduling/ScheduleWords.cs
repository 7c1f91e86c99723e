using System.Globalization;
using Scheduler.Definitions.Model;

namespace Scheduler.Definitions.Scheduling;

/// <summary>
/// A schedule in words for people ("At 02:30 every day, Europe/Berlin", "Every 15 minutes", "Mondays at 07:00"),
/// shown beside the expression. Covers the shapes people write; for any other cron expression it answers null
/// and the expression alone is shown, rather than words that could mislead.
/// </summary>
public static class ScheduleWords
{
    private static readonly string[] DayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    public static string? Of(ScheduleDefinition schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return schedule switch
        {
            { Kind: ScheduleKind.Manual } => "Only when started by hand",
            { After: { } chain } => $"After {chain.Describe()}",
            { Slots: FixedRateSchedule fixedRate } => Interval(fixedRate.Interval),
            { CronExpression: { } cron } => Cron(cron, schedule.TimeZoneId),
            _ => null,
        };
    }

    /// <summary>"Every 15 minutes", "Every hour", "Every 1h30m".</summary>
    public static string Interval(TimeSpan interval) => interval switch
    {
        { TotalDays: 1 } => "Every day",
        { TotalHours: 1 } => "Every hour",
        { TotalMinutes: 1 } => "Every minute",
        { TotalSeconds: 1 } => "Every second",
        _ when interval.Ticks % TimeSpan.TicksPerDay == 0 => Plural("Every {0} days", interval.TotalDays),
        _ when interval.Ticks % TimeSpan.TicksPerHour == 0 => Plural("Every {0} hours", interval.TotalHours),
        _ when interval.Ticks % TimeSpan.TicksPerMinute == 0 => Plural("Every {0} minutes", interval.TotalMinutes),
        _ when interval.Ticks % TimeSpan.TicksPerSecond == 0 && interval < TimeSpan.FromMinutes(1) => Plural("Every {0} seconds", interval.TotalSeconds),
        _ => "Every " + Values.Durations.Format(interval),
    };

    /// <summary>Words for a 5-field (or 6-field, seconds first) cron expression in <paramref name="zoneId"/>, or null.</summary>
    public static string? Cron(string expression, string zoneId)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 6)
        {
            if (fields[0] != "0")
            {
                return null; // seconds other than :00 are rare enough to show as written
            }

            fields = fields[1..];
        }

        if (fields.Length != 5 || fields[3] != "*")
        {
            return null;
        }

        var (minute, hour, dayOfMonth, dayOfWeek) = (fields[0], fields[1], fields[2], fields[4]);
        if (dayOfMonth == "*" && dayOfWeek == "*" && Repeating(minute, hour) is { } repeating)
        {
            return repeating;
        }

        if (Number(minute, 59) is not { } m || Hours(hour) is not { } hours)
        {
            return null;
        }

        var times = string.Join(" and ", hours.Select(h => string.Create(CultureInfo.InvariantCulture, $"{h:00}:{m:00}")));
        var zone = zoneId == "UTC" ? "" : ", " + zoneId;
        if (dayOfMonth == "*" && dayOfWeek == "*")
        {
            return $"At {times} every day{zone}";
        }

        if (dayOfMonth == "*" && Days(dayOfWeek) is { } days)
        {
            return $"{days} at {times}{zone}";
        }

        return dayOfWeek == "*" && Number(dayOfMonth, 31) is { } day and > 0
            ? string.Create(CultureInfo.InvariantCulture, $"At {times} on day {day} of every month{zone}")
            : null;
    }

    // "* * * * *", "*/15 * * * *", "5 * * * *", "0 */6 * * *": no time of day, so no zone.
    private static string? Repeating(string minute, string hour) => (minute, hour) switch
    {
        ("*", "*") => "Every minute",
        _ when hour == "*" && Step(minute) is { } step => Plural("Every {0} minutes", step),
        _ when hour == "*" && Number(minute, 59) is { } m => string.Create(CultureInfo.InvariantCulture, $"Every hour at :{m:00}"),
        _ when Step(hour) is { } step && Number(minute, 59) is { } m => string.Create(CultureInfo.InvariantCulture, $"Every {step} hours at :{m:00}"),
        _ => null,
    };

    private static int[]? Hours(string field)
    {
        var hours = field.Split(',').Select(h => Number(h, 23)).ToList();
        return hours.Count <= 4 && hours.All(h => h is not null) ? [.. hours.Select(h => h!.Value)] : null;
    }

    // "1" Mondays, "1,5" Mondays and Fridays, "1-5" Monday to Friday; 0 and 7 are Sunday.
    private static string? Days(string field)
    {
        if (field.Split('-') is [var from, var to] && Day(from) is { } first && Day(to) is { } last)
        {
            return $"{DayNames[first]} to {DayNames[last]}";
        }

        var days = field.Split(',').Select(Day).ToList();
        if (days.Any(d => d is null))
        {
            return null;
        }

        var names = days.Select(d => DayNames[d!.Value] + "s").ToList();
        return names.Count == 1 ? names[0] : string.Join(", ", names[..^1]) + " and " + names[^1];
    }

    private static int? Day(string text)
    {
        var index = Array.FindIndex(DayNames, d => d[..3].Equals(text, StringComparison.OrdinalIgnoreCase));
        return index >= 0 ? index : Number(text, 7) is { } n ? n % 7 : null;
    }

    private static int? Step(string field) => field.StartsWith("*/", StringComparison.Ordinal) ? Number(field[2..], 59) is { } n and > 1 ? n : null : null;

    private static int? Number(string text, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= max ? n : null;

    private static string Plural(string format, double amount) => string.Format(CultureInfo.InvariantCulture, format, amount);
}
