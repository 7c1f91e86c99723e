using System.Globalization;

namespace Scheduler.Output;

/// <summary>How instants and durations are printed: ISO 8601 UTC with a Z, and short durations.</summary>
internal static class TimeText
{
    public static string? Utc(DateTimeOffset? instant) =>
        instant?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Utc(DateTimeOffset instant) => Utc((DateTimeOffset?)instant)!;

    public static string Duration(TimeSpan span) =>
        span.TotalSeconds < 10 ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalMilliseconds:0} ms")
        : span.TotalMinutes < 2 ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.0} s")
        : Definitions.Values.Durations.Format(TimeSpan.FromSeconds(Math.Round(span.TotalSeconds)));
}
