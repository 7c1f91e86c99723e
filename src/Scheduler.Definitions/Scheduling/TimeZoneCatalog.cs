using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using Scheduler.Definitions.Parsing;

namespace Scheduler.Definitions.Scheduling;

/// <summary>
/// Resolves the time-zone ids users write in task files. Accepted: <c>UTC</c>, and IANA
/// "Area/Location" ids that tzdata knows (<c>Europe/Berlin</c>, <c>Etc/UTC</c>, and old link names such
/// as <c>Asia/Calcutta</c> or <c>US/Eastern</c>, which are real IANA ids). Rejected, on purpose:
/// <list type="bullet">
/// <item>Windows ids (<c>W. Europe Standard Time</c>): .NET would convert them via ICU, but a task file
/// must mean the same thing on every machine, and they are not what our docs and UI show.</item>
/// <item>Abbreviation-style ids without a slash (<c>CET</c>, <c>EST</c>, <c>EST5EDT</c>, <c>GMT</c>):
/// some exist in tzdata as legacy names, but they read like abbreviations and mislead ("EST" has no
/// DST, unlike New York), and tzdata itself has demoted them to links.</item>
/// <item>Wrong case (<c>europe/berlin</c>): .NET on Linux would accept it, but ids are case-sensitive
/// elsewhere; <see cref="Nearest"/> suggests the right spelling instead.</item>
/// </list>
/// </summary>
public static class TimeZoneCatalog
{
    private static readonly ConcurrentDictionary<string, TimeZoneInfo?> Cache = new(StringComparer.Ordinal);

    // On Linux .NET lists the canonical tzdata location ids; "Etc/UTC" is not among them but is the
    // canonical spelling of UTC in tzdata, so it is offered as well.
    private static readonly Lazy<FrozenSet<string>> KnownIds = new(() =>
        TimeZoneInfo.GetSystemTimeZones().Select(zone => zone.Id).Append("UTC").Append("Etc/UTC").ToFrozenSet(StringComparer.Ordinal));

    // Upper-cased once: suggestions compare against every id.
    private static readonly Lazy<(string Id, string Upper, string UpperCity)[]> SuggestionKeys = new(() =>
        KnownIds.Value.Order(StringComparer.Ordinal).Select(id =>
        {
            var upper = id.ToUpperInvariant();
            return (id, upper, upper[(upper.LastIndexOf('/') + 1)..]);
        }).ToArray());

    /// <summary>All ids used for suggestions (and found without touching the file system).</summary>
    public static IReadOnlyCollection<string> Ids => KnownIds.Value;

    public static bool TryFind(string id, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        ArgumentNullException.ThrowIfNull(id);
        zone = Cache.GetOrAdd(id, Resolve);
        return zone is not null;
    }

    /// <summary>
    /// Up to <paramref name="count"/> known ids closest to <paramref name="id"/> by edit distance,
    /// ignoring case and also comparing with each id's city part, so "Berlin", "Europe/Berln" and
    /// "europe/berlin" all lead to "Europe/Berlin". Only plausible typos are offered: within a third of
    /// the input's length, and no more than one edit worse than the best match, so a clear winner is
    /// not diluted by look-alikes (and "CET" does not suggest "Africa/Ceuta").
    /// </summary>
    public static IReadOnlyList<string> Nearest(string id, int count = 3)
    {
        ArgumentNullException.ThrowIfNull(id);
        var wanted = id.Trim().Replace(' ', '_').ToUpperInvariant();
        if (wanted.Length == 0 || count <= 0)
        {
            return [];
        }

        var tolerance = Math.Max(1, wanted.Length / 3);
        var matches = SuggestionKeys.Value
            .Select(key => (key.Id, Distance: Math.Min(Suggestions.Distance(wanted, key.Upper), Suggestions.Distance(wanted, key.UpperCity))))
            .Where(match => match.Distance <= tolerance)
            .ToList();
        if (matches.Count == 0)
        {
            return [];
        }

        var best = matches.Min(match => match.Distance);
        return matches
            .Where(match => match.Distance <= best + 1)
            .OrderBy(match => match.Distance)
            .ThenBy(match => match.Id, StringComparer.Ordinal)
            .Take(count)
            .Select(match => match.Id)
            .ToList();
    }

    private static TimeZoneInfo? Resolve(string id)
    {
        if (id == "UTC")
        {
            return TimeZoneInfo.Utc;
        }

        if (!id.Contains('/', StringComparison.Ordinal) || id.Contains(' ', StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(id);

            // The lookup ignores case on Linux; only the exact spelling counts.
            return string.Equals(zone.Id, id, StringComparison.Ordinal) ? zone : null;
        }
        catch (TimeZoneNotFoundException)
        {
            return null;
        }
        catch (InvalidTimeZoneException)
        {
            return null;
        }
    }
}
