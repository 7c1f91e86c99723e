using System.Diagnostics.CodeAnalysis;
using NCrontab;

namespace Scheduler.Definitions.Scheduling;

/// <summary>
/// A cron expression evaluated on the wall clock of a time zone, with Vixie cron's daylight-saving
/// rules (the ones Cronos implements too):
/// <list type="bullet">
/// <item>Occurrences in a spring-forward gap run once, at the end of the gap (the transition instant).</item>
/// <item>In a repeated (fall-back) window, a fixed-time expression runs once, in the first pass
/// (the earlier offset); an interval-style expression (see <see cref="IsIntervalStyle"/>) runs in both.</item>
/// </list>
/// NCrontab knows nothing about zones: it is only asked for wall-clock occurrences inside stretches
/// of constant offset, and the zone's transitions decide what those occurrences mean as instants.
/// Day-of-month and day-of-week, when both are restricted, must BOTH match (NCrontab and Cronos
/// agree on this; classic Vixie cron would accept either): <c>0 0 13 * 5</c> is Friday the 13th only.
/// </summary>
public sealed class ZonedCronSchedule : Schedule
{
    // "Never fires" is decided without a clock: no occurrence from 2000 through 2028 means none ever,
    // because the Gregorian calendar's weekday/leap pattern repeats every 28 years within 1901-2099.
    private static readonly DateTime NeverFiresProbeStart = new(2000, 1, 1);
    private static readonly DateTime NeverFiresProbeEnd = new(2029, 1, 1);

    // Keeps the tick arithmetic (offsets, year lookups, NCrontab's end bound) inside DateTime's range.
    private static readonly long MinCursorTicks = new DateTime(2, 1, 1).Ticks;
    private static readonly long MaxCursorTicks = new DateTime(9990, 1, 1).Ticks;
    private static readonly DateTime UtcSearchEnd = new(9991, 1, 1);

    private readonly CrontabSchedule _cron;

    // Null for UTC (and zones with UTC's rules): those take the fast path straight through NCrontab.
    private readonly ZoneTransitions? _transitions;

    private ZonedCronSchedule(string expression, TimeZoneInfo zone, CrontabSchedule cron, bool includesSeconds, bool isIntervalStyle)
    {
        Expression = expression;
        TimeZone = zone;
        _cron = cron;
        IncludesSeconds = includesSeconds;
        IsIntervalStyle = isIntervalStyle;
        _transitions = zone.HasSameRules(TimeZoneInfo.Utc) ? null : ZoneTransitions.For(zone);
    }

    /// <summary>The expression as written (trimmed).</summary>
    public string Expression { get; }

    /// <summary>True for the 6-field form, whose first field is seconds.</summary>
    public bool IncludesSeconds { get; }

    /// <summary>
    /// Cronos's rule (HangfireIO/Cronos, src/Cronos/CronParser.cs: ParseField and ParseRange set
    /// <c>CronExpressionFlag.Interval</c> for fields whose <c>CanDefineInterval</c> is true, i.e. seconds,
    /// minutes and hours): the seconds (6-field form only), minutes or hours field contains <c>*</c>,
    /// a range <c>a-b</c> or a step <c>/n</c>, anywhere in its list. Such a schedule means "every so often", so it keeps firing through both passes of a
    /// repeated hour; a fixed time of day (<c>30 2 * * *</c>, <c>15,45 2 * * *</c>) runs only once.
    /// </summary>
    public bool IsIntervalStyle { get; }

    public override TimeZoneInfo TimeZone { get; }

    /// <summary>
    /// Parses 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first. On failure
    /// <paramref name="error"/> is a short lowercase fragment for "'expr' is not a valid cron expression: {error}."
    /// </summary>
    public static bool TryParse(
        string expression,
        TimeZoneInfo zone,
        [NotNullWhen(true)] out ZonedCronSchedule? schedule,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(zone);
        schedule = null;

        var fields = expression.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is not (5 or 6))
        {
            error = $"expected 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first, found {fields.Length}";
            return false;
        }

        var includesSeconds = fields.Length == 6;
        CronField[] layout = includesSeconds
            ? [CronField.Seconds, CronField.Minutes, CronField.Hours, CronField.DayOfMonth, CronField.Month, CronField.DayOfWeek]
            : [CronField.Minutes, CronField.Hours, CronField.DayOfMonth, CronField.Month, CronField.DayOfWeek];
        var bits = new ulong[fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            if (!CronFieldParser.TryParse(fields[i], layout[i], out bits[i], out error))
            {
                return false;
            }
        }

        var options = new CrontabSchedule.ParseOptions { IncludingSeconds = includesSeconds };
        var normalized = string.Join(' ', fields);
        if (CrontabSchedule.TryParse(normalized, options) is not { } cron)
        {
            error = NCrontabError(normalized, options);
            return false;
        }

        if (cron.GetNextOccurrence(NeverFiresProbeStart.AddTicks(-1), NeverFiresProbeEnd) >= NeverFiresProbeEnd)
        {
            var first = includesSeconds ? 1 : 0;
            error = CronNeverFires.Describe(days: bits[first + 2], months: bits[first + 3]);
            return false;
        }

        // Mirrors Cronos: '*', '-' or '/' in the seconds, minutes or hours field (names exist only in later fields).
        var timeFields = includesSeconds ? 3 : 2;
        var isIntervalStyle = fields.Take(timeFields).Any(field => field.AsSpan().IndexOfAny("*-/") >= 0);

        schedule = new ZonedCronSchedule(expression.Trim(), zone, cron, includesSeconds, isIntervalStyle);
        error = null;
        return true;
    }

    public override Slot? NextAfter(DateTimeOffset after)
    {
        var cursor = Math.Max(after.UtcTicks, MinCursorTicks);
        if (_transitions is null)
        {
            return cursor >= MaxCursorTicks ? null : NextInUtc(cursor);
        }

        // Walk stretches of constant offset, [cursor, next transition), in instant order. Each stretch
        // maps to one wall-clock range, so one NCrontab query per stretch finds its first occurrence.
        var inclusive = false;
        while (cursor < MaxCursorTicks)
        {
            var offset = TimeZone.GetUtcOffset(new DateTime(cursor, DateTimeKind.Utc)).Ticks;
            var hasNext = _transitions.TryGetNextAfter(cursor, out var next);

            // No change within the next year or so: take a bounded stretch and carry on from its end.
            var stretchEnd = hasNext ? next.UtcTicks : new DateTime(new DateTime(cursor).Year + 2, 1, 1).Ticks;
            var stretchEndWall = stretchEnd + offset;

            // NCrontab looks strictly after its base, at whole minutes (or seconds); one tick earlier makes it inclusive.
            var wallBase = cursor + offset - (inclusive ? 1 : 0);

            // Starting inside the second pass of a repeated window: fixed-time expressions already ran
            // in the first pass, so they skip to the end of the window.
            var repeatedUntilWall = long.MinValue;
            if (_transitions.TryGetAtOrBefore(cursor, out var previous) && previous.IsOverlap)
            {
                repeatedUntilWall = previous.WindowEndWallTicks;
                if (!IsIntervalStyle && wallBase < repeatedUntilWall)
                {
                    wallBase = repeatedUntilWall - 1;
                }
            }

            // Before a gap, search on through the skipped wall times too: they run at the transition.
            var searchEndWall = hasNext && next.IsGap ? next.WindowEndWallTicks : stretchEndWall;
            var nominal = _cron.GetNextOccurrence(new DateTime(wallBase), new DateTime(searchEndWall)).Ticks;
            if (nominal < stretchEndWall)
            {
                var repeated = nominal < repeatedUntilWall || (hasNext && next.IsOverlap && nominal >= next.WindowStartWallTicks);
                return MakeSlot(nominal - offset, offset, repeated ? SlotNote.DstRepeatedHour : SlotNote.None);
            }

            if (nominal < searchEndWall)
            {
                // However many nominal times the gap swallowed, they become this single slot.
                return MakeSlot(next.UtcTicks, next.After.Ticks, SlotNote.DstGapShifted);
            }

            // Nothing in this stretch. The next one starts AT the transition, and an occurrence exactly
            // there (e.g. 03:00 after a 02:00->03:00 jump) is still after the original `after`.
            cursor = stretchEnd;
            inclusive = true;
        }

        return null;
    }

    /// <summary>
    /// For a fixed-time expression: each nominal occurrence whose run instant lies in [from, to) and
    /// whose wall time is skipped or repeated by a DST change. Only the zone's transitions in the range
    /// are examined, never every occurrence. Interval-style expressions get none: running through both
    /// passes of a repeated hour, and once after a gap, is what "every N minutes" is expected to do.
    /// </summary>
    public IReadOnlyList<DstNotice> DstNotices(DateTimeOffset from, DateTimeOffset to)
    {
        if (IsIntervalStyle || _transitions is null || to <= from)
        {
            return [];
        }

        List<DstNotice>? notices = null;
        var fromTicks = from.UtcTicks;
        var toTicks = to.UtcTicks;

        // A year earlier too: a repeated window that starts before `from` can still run inside it.
        var firstYear = Math.Max(1, from.UtcDateTime.Year - 1);
        var lastYear = to.UtcDateTime.Year;
        for (var year = firstYear; year <= lastYear; year++)
        {
            foreach (var transition in _transitions.InYear(year))
            {
                AddNotices(transition, fromTicks, toTicks, ref notices);
            }
        }

        return notices ?? (IReadOnlyList<DstNotice>)[];
    }

    private void AddNotices(ZoneTransition transition, long fromTicks, long toTicks, ref List<DstNotice>? notices)
    {
        var windowStart = transition.WindowStartWallTicks;
        var windowEnd = new DateTime(transition.WindowEndWallTicks);
        var nominal = _cron.GetNextOccurrence(new DateTime(windowStart - 1), windowEnd);
        while (nominal < windowEnd)
        {
            var runsAt = transition.IsGap
                ? new DateTimeOffset(transition.UtcTicks + transition.After.Ticks, transition.After)
                : new DateTimeOffset(nominal, transition.Before);
            if (runsAt.UtcTicks >= fromTicks && runsAt.UtcTicks < toTicks)
            {
                var kind = transition.IsGap ? DstNoticeKind.Gap : DstNoticeKind.RepeatedHour;
                (notices ??= []).Add(new DstNotice(DateOnly.FromDateTime(nominal), TimeOnly.FromDateTime(nominal), kind, runsAt));
            }

            nominal = _cron.GetNextOccurrence(nominal, windowEnd);
        }
    }

    private Slot? NextInUtc(long cursor)
    {
        var next = _cron.GetNextOccurrence(new DateTime(cursor), UtcSearchEnd);
        return next >= UtcSearchEnd ? null : MakeSlot(next.Ticks, 0, SlotNote.None);
    }

    private static Slot MakeSlot(long utcTicks, long offsetTicks, SlotNote note)
    {
        var offset = new TimeSpan(offsetTicks);
        return new Slot(new DateTimeOffset(utcTicks, TimeSpan.Zero), new DateTimeOffset(utcTicks + offsetTicks, offset), note);
    }

    /// <summary>
    /// Only reached when our own field checks pass but NCrontab still refuses; its message is then
    /// the best we have, trimmed to our style ("[DayOfWeek]" -> "day-of-week", no capital, no period).
    /// </summary>
    private static string NCrontabError(string expression, CrontabSchedule.ParseOptions options)
    {
        string message;
        try
        {
            CrontabSchedule.Parse(expression, options);
            message = "it is not accepted by the cron parser";
        }
        catch (CrontabException exception)
        {
            message = exception.Message;
        }

        message = message
            .Replace("[DayOfWeek]", "day-of-week", StringComparison.Ordinal)
            .Replace("[Day]", "day-of-month", StringComparison.Ordinal)
            .Replace("[Month]", "month", StringComparison.Ordinal)
            .Replace("[Hour]", "hour", StringComparison.Ordinal)
            .Replace("[Minute]", "minute", StringComparison.Ordinal)
            .Replace("[Second]", "second", StringComparison.Ordinal)
            .Replace(" crontab field expression", string.Empty, StringComparison.Ordinal);
        var firstSentence = message.Split(". ")[0].TrimEnd('.');
        return firstSentence.Length == 0 ? firstSentence : char.ToLowerInvariant(firstSentence[0]) + firstSentence[1..];
    }
}
