using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Scheduler.Definitions.Scheduling;

/// <summary>
/// Parses one cron field into a bit set of the values it allows. NCrontab does the scheduling; this
/// parser exists to give precise, user-facing errors (NCrontab accepts some mistakes silently, such as
/// <c>*/0</c>, <c>*/90</c> or the reversed range <c>5-1</c>) and to explain expressions that never fire.
/// </summary>
internal static class CronFieldParser
{
    /// <summary>Bit n set means value n is allowed. Returns false with a user-facing error.</summary>
    public static bool TryParse(string text, CronField field, out ulong bits, [NotNullWhen(false)] out string? error)
    {
        bits = 0;
        foreach (var item in text.Split(','))
        {
            if (!TryParseItem(item, text, field, out var itemBits, out error))
            {
                return false;
            }

            bits |= itemBits;
        }

        error = null;
        return true;
    }

    private static bool TryParseItem(string item, string wholeField, CronField field, out ulong bits, [NotNullWhen(false)] out string? error)
    {
        bits = 0;
        if (item.Length == 0)
        {
            // An empty list item ("1,,2" or a trailing comma): quote the whole field so the user can find it.
            error = NotValid(wholeField, field);
            return false;
        }

        var rangeText = item;
        var step = 1;
        var slash = item.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            rangeText = item[..slash];
            var stepText = item[(slash + 1)..];
            if (!IsDigits(stepText))
            {
                error = NotValid(item, field);
                return false;
            }

            // A step larger than the field (e.g. */90 for "every 90 minutes") silently means "only the
            // first value" in cron; that is almost always a misunderstanding, so it is an error (as in Cronos).
            if (!int.TryParse(stepText, NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1 || step > field.Max)
            {
                error = $"{field.Plural} step must be 1-{field.Max}, found '{stepText}'";
                return false;
            }
        }

        int low;
        int high;
        if (rangeText == "*")
        {
            low = field.Min;
            high = field.Max;
        }
        else
        {
            var dash = rangeText.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0)
            {
                if (!TryParseValue(rangeText, item, field, out low, out error))
                {
                    return false;
                }

                // "a/n" means from a to the end of the field, stepping n (Vixie cron, NCrontab and Cronos agree).
                high = slash >= 0 ? field.Max : low;
            }
            else
            {
                if (!TryParseValue(rangeText[..dash], item, field, out low, out error)
                    || !TryParseValue(rangeText[(dash + 1)..], item, field, out high, out error))
                {
                    return false;
                }

                if (high < low)
                {
                    // NCrontab accepts a reversed range but gives it an odd meaning; refuse it.
                    error = $"{field.Plural} range '{rangeText}' must go from low to high";
                    return false;
                }
            }
        }

        for (var value = low; value <= high; value += step)
        {
            bits |= 1UL << value;
        }

        error = null;
        return true;
    }

    private static bool TryParseValue(string text, string item, CronField field, out int value, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (IsDigits(text))
        {
            // Values too large for int are still "out of range", not "not valid": the user typed a number.
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) || value < field.Min || value > field.Max)
            {
                value = 0;
                error = $"{field.Plural} must be {field.AllowedText}, found '{text}'";
                return false;
            }

            return true;
        }

        if (field.Names is { } names)
        {
            var index = Array.FindIndex(names, name => string.Equals(name, text, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                value = field.Min + index;
                return true;
            }
        }

        value = 0;
        error = NotValid(item, field);
        return false;
    }

    private static string NotValid(string text, CronField field) =>
        $"'{text}' is not a valid {field.Singular} (use {field.AllowedText})";

    private static bool IsDigits(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);
}
