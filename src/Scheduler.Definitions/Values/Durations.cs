using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Scheduler.Definitions.Values;

/// <summary>
/// Durations as people write them in task files: <c>90s</c>, <c>45m</c>, <c>2h</c>, <c>14d</c>,
/// <c>500ms</c>, or combined from the largest unit down, <c>1h30m</c>.
/// </summary>
public static class Durations
{
    private static readonly (string Unit, TimeSpan Size)[] Units =
    [
        ("d", TimeSpan.FromDays(1)),
        ("h", TimeSpan.FromHours(1)),
        ("m", TimeSpan.FromMinutes(1)),
        ("s", TimeSpan.FromSeconds(1)),
        ("ms", TimeSpan.FromMilliseconds(1)),
    ];

    public const string Hint = "Write a number and a unit, e.g. 90s, 45m, 2h, 14d, or combined from the largest unit down, e.g. 1h30m.";

    public static bool TryParse(string text, out TimeSpan value, [NotNullWhen(false)] out string? error)
    {
        value = TimeSpan.Zero;
        error = null;
        var s = text.Trim();
        if (s.Length == 0)
        {
            error = "a duration cannot be empty";
            return false;
        }

        var position = 0;
        var lastUnit = -1;
        while (position < s.Length)
        {
            var digitsStart = position;
            while (position < s.Length && char.IsAsciiDigit(s[position]))
            {
                position++;
            }

            if (position == digitsStart)
            {
                error = position == 0 && !char.IsAsciiLetter(s[0])
                    ? $"'{text}' is not a duration"
                    : $"'{text}' has a unit without a number before it";
                return false;
            }

            var unitStart = position;
            while (position < s.Length && char.IsAsciiLetter(s[position]))
            {
                position++;
            }

            var unit = s[unitStart..position];
            if (unit.Length == 0)
            {
                error = $"'{text}' has a number without a unit (s, m, h, d or ms)";
                return false;
            }

            var unitIndex = Array.FindIndex(Units, u => u.Unit == unit);
            if (unitIndex < 0)
            {
                error = $"'{unit}' in '{text}' is not a unit: use ms, s, m, h or d";
                return false;
            }

            if (unitIndex <= lastUnit)
            {
                error = $"'{text}' repeats a unit or puts a larger unit after a smaller one";
                return false;
            }

            lastUnit = unitIndex;
            if (!long.TryParse(s.AsSpan(digitsStart, unitStart - digitsStart), NumberStyles.None, CultureInfo.InvariantCulture, out var amount)
                || amount > TimeSpan.MaxValue.Ticks / Units[unitIndex].Size.Ticks)
            {
                error = $"'{text}' is too long a duration";
                return false;
            }

            value += TimeSpan.FromTicks(amount * Units[unitIndex].Size.Ticks);
            if (value > TimeSpan.FromDays(3660))
            {
                error = $"'{text}' is longer than ten years";
                return false;
            }
        }

        return true;
    }

    /// <summary>The shortest text <see cref="TryParse"/> reads back as <paramref name="value"/>, e.g. "1h30m".</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        var text = new StringBuilder();
        var rest = value.Ticks;
        foreach (var (unit, size) in Units)
        {
            var amount = rest / size.Ticks;
            if (amount > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"{amount}{unit}");
                rest -= amount * size.Ticks;
            }
        }

        return text.ToString();
    }
}
