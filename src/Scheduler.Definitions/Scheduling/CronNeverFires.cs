using System.Globalization;

namespace Scheduler.Definitions.Scheduling;

/// <summary>
/// Explains why an expression that parses never fires. The only way that happens with the
/// supported syntax is a day-of-month that no selected month has (30 February, 31 April), so
/// that case gets a specific sentence and anything else a general one.
/// </summary>
internal static class CronNeverFires
{
    private static readonly string[] MonthNames =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    /// <param name="days">Bit n set: day-of-month n allowed.</param>
    /// <param name="months">Bit n set: month n allowed (1 = January).</param>
    public static string Describe(ulong days, ulong months)
    {
        var dayList = Values(days, 1, 31);
        var monthList = Values(months, 1, 12);
        var dayFitsSomeMonth = monthList.Exists(month => dayList.Exists(day => day <= LongestMonthLength(month)));
        if (dayList.Count == 0 || monthList.Count == 0 || dayFitsSomeMonth)
        {
            return "it never fires: no date matches day-of-month, month and day-of-week together";
        }

        var dayText = dayList.Count == 1
            ? $"day {dayList[0]} never occurs"
            : $"days {Join(dayList.ConvertAll(day => day.ToString(CultureInfo.InvariantCulture)), "and")} never occur";
        return $"it never fires ({dayText} in {Join(monthList.ConvertAll(month => MonthNames[month - 1]), "or")})";
    }

    /// <summary>February counts as 29 days: a leap day is rare but real, so 29 February is allowed.</summary>
    private static int LongestMonthLength(int month) => month switch
    {
        2 => 29,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    private static List<int> Values(ulong bits, int min, int max)
    {
        var values = new List<int>();
        for (var value = min; value <= max; value++)
        {
            if ((bits & (1UL << value)) != 0)
            {
                values.Add(value);
            }
        }

        return values;
    }

    private static string Join(List<string> items, string lastSeparator) =>
        items.Count == 1 ? items[0] : $"{string.Join(", ", items.Take(items.Count - 1))} {lastSeparator} {items[^1]}";
}
