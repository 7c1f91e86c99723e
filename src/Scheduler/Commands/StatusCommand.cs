using System.CommandLine;
using System.Text.Json;
using Scheduler.Cli;
using Scheduler.Definitions.Runs;
using Scheduler.Definitions.Values;
using Scheduler.Output;
using Scheduler.Remote;
using Scheduler.State.Entities;
using Scheduler.State.Store;

namespace Scheduler.Commands;

/// <summary>
/// <c>scheduler status [--data DIR | --store postgres --connection CS | --server URL] [--format text|json]</c>: every task with its
/// state, last run and next run, read from the store, or from a running server's <c>GET /api/tasks</c>.
/// </summary>
internal static class StatusCommand
{
    public static Command Create(CliContext context)
    {
        var data = new Option<string>("--data") { Description = "The folder of the state store.", DefaultValueFactory = _ => "./data" };
        var storeFlags = new StoreFlags();
        var format = FormatOption.Create("text", "json");
        var server = new ServerFlags("Read from the running scheduler serve at this URL (its /api) instead of the store.");
        var command = new Command("status", "Print every task with its state, last run, next run and failure streak. Works while serve runs.")
        {
            data, storeFlags.Store, storeFlags.Connection, server.Server, server.TokenFromEnv, format,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var (tasks, paused) = await ReadAsync(result, data, storeFlags, server, context, cancellationToken);
            if (result.GetRequiredValue(format) == "json")
            {
                context.Out.WriteLine(JsonSerializer.Serialize(tasks.Select(t => ToJson(t, paused.GetValueOrDefault(t.Id))), JsonOutput.Options));
            }
            else
            {
                WriteText(context.Out, tasks, paused);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<(IReadOnlyList<TaskRecord> Tasks, IReadOnlyDictionary<string, PauseRecord> Paused)> ReadAsync(
        ParseResult result, Option<string> data, StoreFlags storeFlags, ServerFlags server, CliContext context, CancellationToken cancellationToken)
    {
        using var client = server.Open(result);
        if (client is not null)
        {
            return await RemoteReads.TasksAndPausesAsync(client, cancellationToken);
        }

        var (kind, connection) = storeFlags.Read(result, Serving.ServeConfiguration.Load());
        await using var store = await StoreReader.OpenAsync(result.GetRequiredValue(data), kind, connection, context, cancellationToken);
        var tasks = await store.Runs.ListTasksAsync(cancellationToken);
        var pauses = await store.Runs.ListPausesAsync(cancellationToken);
        var now = context.Time.GetUtcNow();
        var paused = new Dictionary<string, PauseRecord>(StringComparer.Ordinal);
        foreach (var task in tasks.Where(t => !t.IsSystem && t.State != TaskState.Retired))
        {
            if (PauseTargets.For(pauses, task.Id, now) is { } pause)
            {
                paused[task.Id] = pause;
            }
        }

        return (tasks, paused);
    }

    private static object ToJson(TaskRecord task, PauseRecord? pause) => new
    {
        id = task.Id,
        state = TaskStateNames.Of(task.State),
        source = task.SourcePath,
        revision = task.Revision,
        configError = task.ConfigError,
        lastRun = task.LastRunId is { } id
            ? new { id, status = task.LastRunStatus is { } s ? RunNames.Of(s) : null, startedAt = TimeText.Utc(task.LastRunStartedAt), finishedAt = TimeText.Utc(task.LastRunFinishedAt) }
            : null,
        nextRunAt = TimeText.Utc(task.NextSlotUtc),
        failureStreak = task.FailureStreak,
        paused = pause is null ? null : new { by = pause.By, reason = pause.Reason, since = TimeText.Utc(pause.SinceUtc), until = TimeText.Utc(pause.UntilUtc) },
    };

    private static void WriteText(TextWriter output, IReadOnlyList<TaskRecord> tasks, IReadOnlyDictionary<string, PauseRecord> paused)
    {
        if (tasks.Count == 0)
        {
            output.WriteLine("No tasks in the store yet.");
            return;
        }

        output.WriteLine($"{"TASK",-32} {"STATE",-26} {"LAST RUN",-32} {"NEXT RUN (UTC)",-20} STREAK");
        foreach (var task in tasks)
        {
            var last = task.LastRunId is { } id ? $"#{id} {(task.LastRunStatus is { } s ? RunNames.Of(s) : "")} {TimeText.Utc(task.LastRunStartedAt)}" : "-";
            output.WriteLine($"{task.Id,-32} {TaskStateNames.Of(task.State),-26} {last,-32} {TimeText.Utc(task.NextSlotUtc) ?? "-",-20} {task.FailureStreak}");
            if (task.ConfigError is { } error)
            {
                output.WriteLine($"    config error: {error}");
            }

            if (paused.GetValueOrDefault(task.Id) is { } pause)
            {
                var until = pause.UntilUtc is { } u ? $", until {TimeText.Utc(u)}" : ", until resumed";
                output.WriteLine($"    paused by {pause.By}: {pause.Reason} (since {TimeText.Utc(pause.SinceUtc)}{until})");
            }
        }
    }
}
