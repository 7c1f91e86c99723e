using System.Globalization;

namespace Scheduler.Definitions.Values;

/// <summary>
/// How the command line, the page and the API write instants and spans: UTC as ISO 8601 with a Z, local times
/// with their offset, durations short ("850 ms", "12.5 s", "2m5s"), distances rough ("in 4 min").
/// </summary>
public static class TimeText
{
    public static string Utc(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string? Utc(DateTimeOffset? instant) => instant is { } i ? Utc(i) : null;

    /// <summary>e.g. <c>Sun 2027-03-28 03:00:00 +02:00</c>: an instant already carrying its zone's offset.</summary>
    public static string Local(DateTimeOffset local) =>
        local.ToString("ddd yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);

    /// <summary>e.g. <c>Sun 2027-03-28 03:00:00 +02:00</c>: <paramref name="instant"/> on the clocks of <paramref name="zone"/>.</summary>
    public static string Local(DateTimeOffset instant, TimeZoneInfo zone) => Local(TimeZoneInfo.ConvertTime(instant, zone));

    /// <summary>
    /// A run's length. Below two minutes a person compares runs by the decimal ("850 ms", "12.5 s"); from two
    /// minutes on, whole seconds in the units task files use ("2m5s", "1h30m"), so a run reads against its
    /// <c>timeout</c>. A negative span (a clock stepped back under a run) is "-".
    /// </summary>
    public static string Duration(TimeSpan span) =>
        span < TimeSpan.Zero ? "-"
        : span.TotalSeconds < 10 ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalMilliseconds:0} ms")
        : span.TotalMinutes < 2 ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.0} s")
        : Durations.Format(TimeSpan.FromSeconds(Math.Round(span.TotalSeconds)));

    /// <summary>"in 4 min", "2 h ago", "now": how far <paramref name="instant"/> is from <paramref name="now"/>, roughly.</summary>
    public static string Relative(DateTimeOffset instant, DateTimeOffset now)
    {
        var delta = instant - now;
        var span = delta.Duration();
        if (span < TimeSpan.FromSeconds(1))
        {
            return "now";
        }

        var amount = span < TimeSpan.FromMinutes(1) ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalSeconds} s")
            : span < TimeSpan.FromHours(1) ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min")
            : span < TimeSpan.FromDays(2) ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays} d");
        return delta > TimeSpan.Zero ? $"in {amount}" : $"{amount} ago";
    }
}
