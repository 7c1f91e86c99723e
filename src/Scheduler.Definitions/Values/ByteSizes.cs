using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Scheduler.Definitions.Values;

/// <summary>Sizes such as <c>500MB</c> (powers of 1000) or <c>2GiB</c> (powers of 1024), or a plain number of bytes.</summary>
public static class ByteSizes
{
    private static readonly (string Unit, long Size)[] Units =
    [
        ("B", 1), ("KB", 1000), ("MB", 1000_000), ("GB", 1000_000_000), ("TB", 1000_000_000_000),
        ("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30), ("TiB", 1L << 40),
    ];

    public const string Hint = "Write a number and a unit, e.g. 500MB, 2GiB or 1048576 (bytes).";

    public static bool TryParse(string text, out long bytes, [NotNullWhen(false)] out string? error)
    {
        bytes = 0;
        error = null;
        var s = text.Trim();
        var digits = 0;
        while (digits < s.Length && char.IsAsciiDigit(s[digits]))
        {
            digits++;
        }

        var unit = s[digits..].Trim();
        var size = unit.Length == 0 ? 1 : Array.Find(Units, u => string.Equals(u.Unit, unit, StringComparison.OrdinalIgnoreCase)).Size;
        if (digits == 0 || size == 0)
        {
            error = $"'{text}' is not a size";
            return false;
        }

        if (!long.TryParse(s.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount > long.MaxValue / size)
        {
            error = $"'{text}' is too large";
            return false;
        }

        bytes = amount * size;
        return true;
    }
}
