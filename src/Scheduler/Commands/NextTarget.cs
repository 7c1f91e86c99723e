using Scheduler.Cli;
using Scheduler.Definitions.Diagnostics;
using Scheduler.Definitions.Loading;
using Scheduler.Definitions.Scheduling;
using Scheduler.Output;

namespace Scheduler.Commands;

/// <summary>What <c>scheduler next</c> looks at: a task (by id or file) or a bare cron expression. Schedule is null when it is invalid.</summary>
internal sealed record NextTarget(string Title, string Description, Schedule? Schedule)
{
    /// <summary>For a chained task: whom it follows and when that one runs next ("Runs after backups/export (next backups/export slot ...)").</summary>
    public string? Follows { get; init; }

    public static NextTarget FromCron(string expression, string timeZoneId, string? strayTarget, CliContext context)
    {
        if (strayTarget is not null)
        {
            throw new CommandFailedException($"give either a task ('{strayTarget}') or --cron, not both.");
        }

        if (!TimeZoneCatalog.TryFind(timeZoneId, out var zone))
        {
            var nearest = TimeZoneCatalog.Nearest(timeZoneId);
            throw new CommandFailedException(
                $"--timezone '{timeZoneId}' is not a known IANA time zone.{(nearest.Count > 0 ? $" Did you mean {string.Join(", ", nearest)}?" : "")}");
        }

        if (!ZonedCronSchedule.TryParse(expression, zone, out var schedule, out var error))
        {
            context.Error.WriteLine($"--cron: '{expression}' is not a valid cron expression: {error}.");
            return new NextTarget("cron", expression, null);
        }

        return new NextTarget($"cron {expression}", timeZoneId, schedule);
    }

    public static NextTarget FromTask(string? target, string? strayTimeZone, string schedules, CliContext context, DateTimeOffset from)
    {
        if (target is null)
        {
            throw new CommandFailedException("give a task id, a task file or --cron EXPR.");
        }

        if (strayTimeZone is not null)
        {
            throw new CommandFailedException("--timezone goes with --cron; a task's zone comes from its file.");
        }

        var file = TaskFileLocator.Find(target, schedules, context);
        var result = TaskReader.Read(file, from);
        if (result.Task is null)
        {
            DiagnosticWriter.WriteText(context.Error, result.Diagnostics.Where(d => d.Severity == Severity.Error));
            return new NextTarget(result.TaskId, "invalid", null);
        }

        var disabled = result.Task.Enabled ? "" : " — disabled: serve will not run it";
        return new NextTarget($"Task {result.TaskId}", $"{result.Task.Schedule.Describe()}{disabled}", result.Task.Slots)
        {
            Follows = Definitions.Planning.ChainText.Of(result.Task, id => Upstream(id, context.Resolve(schedules), from), from),
        };
    }

    /// <summary>
    /// An upstream's definition, read from its own file (only the chain's files are read, not the whole folder).
    /// <paramref name="schedules"/> is resolved against the command's directory, as the task itself was.
    /// </summary>
    private static Definitions.Model.TaskDefinition? Upstream(string id, string schedules, DateTimeOffset from)
    {
        foreach (var extension in TaskIds.Extensions)
        {
            var path = Path.Combine(schedules, id + extension);
            if (File.Exists(path))
            {
                var file = new SourceFile(id + extension, Path.Combine(schedules, id + extension), File.ReadAllBytes(path));
                return TaskReader.Read(file, from).Task;
            }
        }

        return null;
    }
}
