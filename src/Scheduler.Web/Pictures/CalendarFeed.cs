using System.Globalization;
using System.Text;

namespace Scheduler.Web.Pictures;

/// <summary>
/// Writes an iCalendar feed (RFC 5545): CRLF line ends, content lines folded at 75 octets without splitting a
/// UTF-8 sequence, TEXT values escaped (backslash, semicolon, comma, newline). One event per slot.
/// </summary>
internal sealed class CalendarFeed
{
    private const int MaxOctets = 75;
    private readonly StringBuilder _text = new();

    public CalendarFeed(string name)
    {
        Line("BEGIN:VCALENDAR");
        Line("VERSION:2.0");
        Line("PRODID:-//Scheduler//Status page//EN");
        Line("CALSCALE:GREGORIAN");
        Line("METHOD:PUBLISH");
        Line("X-WR-CALNAME:" + Escape(name));
    }

    public int Events { get; private set; }

    /// <summary>A one-minute event at <paramref name="start"/> (a slot has no length; a minute shows in every calendar).</summary>
    public void Add(string uid, DateTimeOffset stamp, DateTimeOffset start, string summary, string description, string url)
    {
        Line("BEGIN:VEVENT");
        Line("UID:" + Escape(uid));
        Line("DTSTAMP:" + Instant(stamp));
        Line("DTSTART:" + Instant(start));
        Line("DURATION:PT1M");
        Line("SUMMARY:" + Escape(summary));
        Line("DESCRIPTION:" + Escape(description));
        Line("URL:" + url); // a URI value, not TEXT: written as it is
        Line("END:VEVENT");
        Events++;
    }

    public string Finish()
    {
        Line("END:VCALENDAR");
        return _text.ToString();
    }

    public static string Escape(string text) => text
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal)
        .Replace("\r\n", "\\n", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal)
        .Replace("\r", "\\n", StringComparison.Ordinal);

    private static string Instant(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    // Folding: after at most 75 octets, CRLF and one space; the space counts toward the next line's 75.
    private void Line(string line)
    {
        var octets = 0;
        var limit = MaxOctets;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > limit)
            {
                _text.Append("\r\n ");
                octets = 0;
                limit = MaxOctets - 1;
            }

            _text.Append(rune.ToString());
            octets += size;
        }

        _text.Append("\r\n");
    }
}
