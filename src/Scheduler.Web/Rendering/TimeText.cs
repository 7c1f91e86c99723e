using System.Globalization;

namespace Scheduler.Web.Rendering;

/// <summary>How the page and the API write instants and spans: UTC as ISO 8601 with Z, local times with their offset, "in 4 min".</summary>
internal static class TimeText
{
    public static string Utc(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string? Utc(DateTimeOffset? instant) => instant is { } i ? Utc(i) : null;

    /// <summary>e.g. <c>Sun 2027-03-28 03:00:00 +02:00</c>, the way <c>scheduler next</c> writes it.</summary>
    public static string Local(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("ddd yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);

    public static string Duration(TimeSpan span) =>
        span < TimeSpan.Zero ? "-"
        : span.TotalSeconds < 10 ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalMilliseconds:0} ms")
        : span.TotalMinutes < 2 ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.0} s")
        : span.TotalHours < 2 ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0.0} min")
        : string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0.0} h");

    /// <summary>"in 4 min", "2 h ago", "now": how far <paramref name="instant"/> is from <paramref name="now"/>, roughly.</summary>
    public static string Relative(DateTimeOffset instant, DateTimeOffset now)
    {
        var delta = instant - now;
        var span = delta.Duration();
        if (span < TimeSpan.FromSeconds(1))
        {
            return "now";
        }

        var amount = span < TimeSpan.FromMinutes(1) ? $"{(int)span.TotalSeconds} s"
            : span < TimeSpan.FromHours(1) ? $"{(int)span.TotalMinutes} min"
            : span < TimeSpan.FromDays(2) ? $"{(int)span.TotalHours} h"
            : $"{(int)span.TotalDays} d";
        return delta > TimeSpan.Zero ? $"in {amount}" : $"{amount} ago";
    }
}
