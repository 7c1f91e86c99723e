namespace Scheduler.Definitions.Parsing;

/// <summary>
/// Reads a 24-hour time of day as <c>daily</c> and <c>weekly.at</c> take it: <c>H:mm</c> or <c>H:mm:ss</c>, the hour with
/// one or two digits (the formats H:mm, HH:mm, H:mm:ss and HH:mm:ss). By hand rather than through TimeOnly.TryParseExact,
/// which reads the clock (a date-less parse fills in today) and tries each format in turn, for every such file.
/// </summary>
internal static class ClockTime
{
    public static bool TryParse(ReadOnlySpan<char> text, out TimeOnly time)
    {
        time = default;
        var colon = text.IndexOf(':');
        if (colon is not (1 or 2) || !TryDigits(text[..colon], out var hour) || hour > 23)
        {
            return false;
        }

        var rest = text[(colon + 1)..];
        var second = 0;
        if (rest.Length < 2 || !TryDigits(rest[..2], out var minute) || minute > 59)
        {
            return false;
        }

        if (rest.Length != 2 && (rest.Length != 5 || rest[2] != ':' || !TryDigits(rest[3..], out second) || second > 59))
        {
            return false;
        }

        time = new TimeOnly(hour, minute, second);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return digits.Length > 0;
    }
}
