using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Scheduler.Cli;
using Scheduler.Definitions.Loading;
using Scheduler.Definitions.Scheduling;
using Scheduler.Definitions.Values;
using Scheduler.Output;

namespace Scheduler.Commands;

/// <summary>
/// <c>scheduler next (TASK-ID | FILE | --cron EXPR [--timezone TZ]) [--from INSTANT] [--count N] [--schedules DIR] [--format text|json]</c>:
/// the next slots of a task or an expression, in its zone and in UTC, with DST notes.
/// </summary>
internal static class NextCommand
{
    public static Command Create(CliContext context)
    {
        var target = new Argument<string?>("TASK-ID|FILE")
        {
            Description = "A task id (backups/nightly-db) looked up in --schedules, or the path of a task file.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var cron = new Option<string?>("--cron") { Description = "A cron expression to look at instead of a task (5 fields, or 6 with seconds first)." };
        var timezone = new Option<string?>("--timezone") { Description = "The IANA time zone of --cron (default UTC)." };
        var from = new Option<string?>("--from") { Description = "Start after this instant (ISO 8601, e.g. 2026-10-25T00:00:00Z); default now." };
        var count = new Option<int>("--count") { Description = "How many slots to show (1-1000).", DefaultValueFactory = _ => 10 };
        var schedules = new Option<string>("--schedules") { Description = "The schedules folder task ids are looked up in.", DefaultValueFactory = _ => "./schedules" };
        var format = FormatOption.Create("text", "json");
        var command = new Command("next", "Show the next slots of a task or a cron expression, in its time zone and in UTC, with DST notes.")
        {
            target, cron, timezone, from, count, schedules, format,
        };
        command.SetAction(result =>
        {
            var request = new NextRequest(
                result.GetValue(target), result.GetValue(cron), result.GetValue(timezone), result.GetValue(from),
                result.GetValue(count), result.GetRequiredValue(schedules), result.GetRequiredValue(format));
            return Run(context, request);
        });
        return command;
    }

    private static int Run(CliContext context, NextRequest request)
    {
        if (request.Count is < 1 or > 1000)
        {
            throw new CommandFailedException($"--count {request.Count} is out of range: use 1 to 1000.");
        }

        var from = request.From is null ? context.Time.GetUtcNow() : ParseInstant(request.From);
        var resolved = request.Cron is not null
            ? NextTarget.FromCron(request.Cron, request.TimeZone ?? "UTC", request.Target, context)
            : NextTarget.FromTask(request.Target, request.TimeZone, request.Schedules, context, from);
        if (resolved.Schedule is null)
        {
            return ExitCodes.Invalid; // the target's diagnostics were written
        }

        var slots = resolved.Schedule.Upcoming(from, request.Count).ToList();
        if (request.Format == "json")
        {
            WriteJson(context.Out, slots);
        }
        else
        {
            WriteText(context.Out, resolved, slots);
        }

        return ExitCodes.Ok;
    }

    private static DateTimeOffset ParseInstant(string text)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            return instant;
        }

        throw new CommandFailedException($"--from '{text}' is not an instant: write ISO 8601, e.g. 2026-10-25T00:30:00Z or 2026-10-25T02:30:00+02:00.");
    }

    private static void WriteJson(TextWriter output, List<Slot> slots)
    {
        var items = slots.Select(s => new { utc = TimeText.Utc(s.Utc), local = FormatLocal(s.Local), note = NoteName(s.Note) });
        output.WriteLine(JsonSerializer.Serialize(items, JsonOutput.Options));
    }

    private static void WriteText(TextWriter output, NextTarget target, List<Slot> slots)
    {
        output.WriteLine($"{target.Title}: {target.Description}");
        if (slots.Count == 0)
        {
            output.WriteLine(target.Follows is { } follows ? $"  No slots of its own. {follows}" : "  No scheduled slots: it runs only when started by hand.");
            return;
        }

        foreach (var slot in slots)
        {
            var local = TimeText.Local(slot.Local);
            var note = slot.Note switch
            {
                SlotNote.DstGapShifted => "  (moved: its local time does not exist on this day, DST gap)",
                SlotNote.DstRepeatedHour => "  (this local time occurs twice on this day, DST fall-back)",
                _ => "",
            };
            output.WriteLine($"  {local}   {TimeText.Utc(slot.Utc)}{note}");
        }
    }

    internal static string FormatLocal(DateTimeOffset local) => local.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    internal static string? NoteName(SlotNote note) => note switch
    {
        SlotNote.DstGapShifted => "dst-gap-shifted",
        SlotNote.DstRepeatedHour => "dst-repeated-hour",
        _ => null,
    };

    private sealed record NextRequest(string? Target, string? Cron, string? TimeZone, string? From, int Count, string Schedules, string Format);
}
