using System.Globalization;
using Scheduler.Definitions.Diagnostics;
using Scheduler.Definitions.Model;
using Scheduler.Definitions.Scheduling;

namespace Scheduler.Definitions.Parsing;

/// <summary>Reads <c>schedule:</c> — a cron string (UTC), or a mapping with exactly one kind and an optional zone.</summary>
internal sealed class ScheduleReader(ValueReader values)
{
    private static readonly Dictionary<string, string> Weekdays = new(StringComparer.Ordinal)
    {
        ["sun"] = "0", ["mon"] = "1", ["tue"] = "2", ["wed"] = "3", ["thu"] = "4", ["fri"] = "5", ["sat"] = "6",
        ["sunday"] = "0", ["monday"] = "1", ["tuesday"] = "2", ["wednesday"] = "3", ["thursday"] = "4", ["friday"] = "5", ["saturday"] = "6",
    };

    private DiagnosticBag Diagnostics => values.Diagnostics;

    public ScheduleDefinition? Read(YamlNode node, DateTimeOffset from)
    {
        if (node is YamlScalar { IsNull: false } shorthand)
        {
            return Cron(ScheduleKind.Cron, shorthand.Value, shorthand.Value, TimeZoneInfo.Utc, "UTC", shorthand, "schedule", from);
        }

        if (values.Mapping(node, "schedule") is not { } mapping)
        {
            return null;
        }

        var fields = new KeyedFields(mapping, "schedule", Keys.Schedule, Diagnostics);
        var (zone, zoneId) = ReadZone(fields);
        var kinds = Keys.ScheduleKinds.Where(fields.Has).ToList();
        if (kinds.Count == 0)
        {
            Diagnostics.Error(mapping.Start, DiagnosticCodes.MissingSchedule, "schedule: no schedule kind is given.",
                "Add one of cron: \"30 2 * * *\", every: 45m, daily: \"02:30\", weekly: { days: [mon], at: \"04:00\" }, manual: true or after: TASK-ID.");
            return null;
        }

        foreach (var extra in kinds.Skip(1))
        {
            Diagnostics.Error(fields.KeyNode(extra)!.Start, DiagnosticCodes.ConflictingSchedules,
                $"schedule.{extra}: a schedule has exactly one kind, but '{kinds[0]}' is given too.",
                $"Keep either '{kinds[0]}' or '{extra}'; a task that needs two schedules is two task files.");
        }

        if (zone is null)
        {
            return null; // reported by ReadZone
        }

        var kind = kinds[0];
        if (kind == "after")
        {
            return ChainReader.Read(fields, values, zoneId);
        }

        ChainReader.RefuseOutside(fields, kind, Diagnostics);
        var value = fields.Value(kind)!;
        var path = $"schedule.{kind}";
        return kind switch
        {
            "cron" => values.String(value, path) is { } expression
                ? Cron(ScheduleKind.Cron, expression, expression, zone, zoneId, value, path, from)
                : null,
            "every" => Every(value, path, zone, zoneId),
            "daily" => values.String(value, path) is { } at && TimeOfDay(value, path, at) is { } time
                ? Cron(ScheduleKind.Daily, at, ToCron(time, "*"), zone, zoneId, value, path, from)
                : null,
            "weekly" => Weekly(value, path, zone, zoneId, from),
            _ => Manual(value, path, zoneId),
        };
    }

    private (TimeZoneInfo? Zone, string Id) ReadZone(KeyedFields fields)
    {
        if (fields.Value("timezone") is not { } node)
        {
            return (TimeZoneInfo.Utc, "UTC");
        }

        if (values.String(node, "schedule.timezone") is not { } id)
        {
            return (null, "");
        }

        if (TimeZoneCatalog.TryFind(id, out var zone))
        {
            return (zone, id);
        }

        var nearest = TimeZoneCatalog.Nearest(id);
        Diagnostics.Error(node.Start, DiagnosticCodes.UnknownTimeZone, $"schedule.timezone: '{id}' is not a known IANA time zone.",
            nearest.Count == 0
                ? "Use an IANA id such as Europe/Berlin, America/New_York or UTC."
                : $"Did you mean {string.Join(", ", nearest.Select(n => $"'{n}'"))}?");
        return (null, id);
    }

    private ScheduleDefinition? Cron(
        ScheduleKind kind, string text, string expression, TimeZoneInfo zone, string zoneId, YamlNode at, string path, DateTimeOffset from)
    {
        if (!ParsedCrons.TryParse(expression, zone, out var schedule, out var error))
        {
            var neverFires = error.StartsWith("it never fires", StringComparison.Ordinal);
            Diagnostics.Error(at.Start, neverFires ? DiagnosticCodes.CronNeverFires : DiagnosticCodes.InvalidCron,
                $"{path}: '{text}' is not a valid cron expression: {error}.",
                neverFires
                    ? "Check the day-of-month and month fields together."
                    : "Use 5 fields (minute hour day-of-month month day-of-week), or 6 with seconds first, e.g. \"30 2 * * *\".");
            return null;
        }

        foreach (var notice in schedule.DstNotices(from, from.AddYears(1)))
        {
            Diagnostics.Warning(at.Start, notice.Kind == DstNoticeKind.Gap ? DiagnosticCodes.DstGap : DiagnosticCodes.DstRepeatedHour,
                $"{path}: {notice.Describe(zoneId)}.",
                "This is expected cron behaviour; to avoid it, pick a time outside 01:00-03:00 or use timezone: UTC.");
        }

        return new ScheduleDefinition(kind, text, expression, zoneId, schedule);
    }

    private ScheduleDefinition? Every(YamlNode value, string path, TimeZoneInfo zone, string zoneId) =>
        values.Duration(value, path, TimeSpan.FromSeconds(1), TimeSpan.FromDays(366)) is { } interval
            ? new ScheduleDefinition(ScheduleKind.Every, Values.Durations.Format(interval), null, zoneId, new FixedRateSchedule(interval, zone))
            : null;

    private ScheduleDefinition? Weekly(YamlNode value, string path, TimeZoneInfo zone, string zoneId, DateTimeOffset from)
    {
        if (values.Mapping(value, path) is not { } mapping)
        {
            return null;
        }

        var fields = new KeyedFields(mapping, path, Keys.Weekly, Diagnostics);
        var days = ReadDays(fields, mapping, path);
        TimeOnly? time = null;
        if (fields.Value("at") is not { } atNode)
        {
            Diagnostics.Error(mapping.Start, DiagnosticCodes.MissingRequired, $"{path}: 'at' is missing.", "Add at: \"04:00\" (24-hour local time).");
        }
        else if (values.String(atNode, $"{path}.at") is { } at)
        {
            time = TimeOfDay(atNode, $"{path}.at", at);
        }

        if (days is null || time is null)
        {
            return null;
        }

        var text = $"{string.Join(",", days.Select(d => d.Name))} at {time.Value.ToString(time.Value.Second == 0 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture)}";
        var dayField = string.Join(",", days.Select(d => d.Number).Distinct());
        return Cron(ScheduleKind.Weekly, text, ToCron(time.Value, dayField), zone, zoneId, value, path, from);
    }

    private List<(string Name, string Number)>? ReadDays(KeyedFields fields, YamlMapping mapping, string path)
    {
        if (fields.Value("days") is not { } node)
        {
            Diagnostics.Error(mapping.Start, DiagnosticCodes.MissingRequired, $"{path}: 'days' is missing.", "Add days: [mon, fri].");
            return null;
        }

        var items = node is YamlSequence sequence ? sequence.Items : [node];
        if (items.Count == 0)
        {
            Diagnostics.Error(node.Start, DiagnosticCodes.InvalidValue, $"{path}.days: the list is empty.", "List at least one day, e.g. [mon, fri].");
            return null;
        }

        var days = new List<(string, string)>();
        var ok = true;
        for (var i = 0; i < items.Count; i++)
        {
            var itemPath = node is YamlSequence ? Paths.Index($"{path}.days", i) : $"{path}.days";
            if (values.String(items[i], itemPath) is not { } day)
            {
                ok = false;
            }
            else if (Weekdays.TryGetValue(day.ToLowerInvariant(), out var number))
            {
                days.Add((day.ToLowerInvariant()[..3], number));
            }
            else
            {
                ok = false;
                var closest = Suggestions.Closest(day, Weekdays.Keys);
                Diagnostics.Error(items[i].Start, DiagnosticCodes.InvalidChoice, $"{itemPath}: '{day}' is not a day of the week.",
                    closest is null ? "Use mon, tue, wed, thu, fri, sat or sun." : $"Did you mean '{closest}'?");
            }
        }

        return ok ? days : null;
    }

    private TimeOnly? TimeOfDay(YamlNode node, string path, string text)
    {
        if (ClockTime.TryParse(text.AsSpan().Trim(), out var time))
        {
            return time;
        }

        Diagnostics.Error(node.Start, DiagnosticCodes.InvalidTimeOfDay, $"{path}: '{text}' is not a time of day.",
            "Write 24-hour local time in quotes, e.g. \"02:30\" or \"18:05:30\".");
        return null;
    }

    private ScheduleDefinition? Manual(YamlNode value, string path, string zoneId)
    {
        switch (values.Bool(value, path))
        {
            case true:
                return new ScheduleDefinition(ScheduleKind.Manual, "manual", null, zoneId, ManualSchedule.Instance);
            case false:
                Diagnostics.Error(value.Start, DiagnosticCodes.InvalidValue, $"{path}: 'false' is not a schedule.",
                    "Write manual: true for a task that runs only on request, or give cron, every, daily or weekly instead.");
                return null;
            default:
                return null;
        }
    }

    private static string ToCron(TimeOnly time, string dayOfWeek) =>
        time.Second == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{time.Minute} {time.Hour} * * {dayOfWeek}")
            : string.Create(CultureInfo.InvariantCulture, $"{time.Second} {time.Minute} {time.Hour} * * {dayOfWeek}");
}
