using System.CommandLine;
using System.Text.Json;
using Scheduler.Cli;
using Scheduler.Definitions.Runs;
using Scheduler.Definitions.Values;
using Scheduler.Output;
using Scheduler.Remote;
using Scheduler.State.Entities;

namespace Scheduler.Commands;

/// <summary>
/// <c>scheduler runs [TASK] [--last N=20] [--data DIR | --store postgres --connection CS | --server URL] [--format text|json]</c>:
/// the recorded runs, newest first, read from the store, or from a running server's <c>GET /api/tasks/{id}/runs</c>.
/// </summary>
internal static class RunsCommand
{
    public static Command Create(CliContext context)
    {
        var task = new Argument<string?>("TASK") { Description = "Only the runs of this task id.", Arity = ArgumentArity.ZeroOrOne };
        var last = new Option<int>("--last") { Description = "How many runs to show, newest first (1-10000).", DefaultValueFactory = _ => 20 };
        var data = new Option<string>("--data") { Description = "The folder of the state store.", DefaultValueFactory = _ => "./data" };
        var storeFlags = new StoreFlags();
        var format = FormatOption.Create("text", "json");
        var server = new ServerFlags("Read from the running scheduler serve at this URL (its /api) instead of the store.");
        var command = new Command("runs", "Print recorded runs from the state store, newest first. Works while serve runs.")
        {
            task, last, data, storeFlags.Store, storeFlags.Connection, server.Server, server.TokenFromEnv, format,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var count = result.GetValue(last);
            if (count is < 1 or > 10_000)
            {
                throw new CommandFailedException($"--last {count} is out of range: use 1 to 10000.");
            }

            var runs = await ReadAsync(result, result.GetValue(task), count, data, storeFlags, server, context, cancellationToken);
            if (result.GetRequiredValue(format) == "json")
            {
                context.Out.WriteLine(JsonSerializer.Serialize(runs.Select(Web.Api.RunJson.From), Web.Api.RunJson.Options));
            }
            else
            {
                WriteText(context.Out, runs);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<IReadOnlyList<RunRecord>> ReadAsync(
        ParseResult result, string? taskId, int count, Option<string> data, StoreFlags storeFlags, ServerFlags server, CliContext context, CancellationToken cancellationToken)
    {
        using var client = server.Open(result);
        if (client is not null)
        {
            return await RemoteReads.RunsAsync(client, taskId, count, cancellationToken);
        }

        var (kind, connection) = storeFlags.Read(result, Serving.ServeConfiguration.Load());
        await using var store = await StoreReader.OpenAsync(result.GetRequiredValue(data), kind, connection, context, cancellationToken);
        return await store.Runs.ListRunsAsync(taskId, count, null, cancellationToken);
    }

    private static void WriteText(TextWriter output, IReadOnlyList<RunRecord> runs)
    {
        if (runs.Count == 0)
        {
            output.WriteLine("No runs recorded.");
            return;
        }

        output.WriteLine($"{"RUN",7}  {"TASK",-28} {"SLOT (UTC)",-20} {"TRIGGER",-9} {"TRY",3}  {"STATUS",-11} {"DURATION",9}  ERROR");
        foreach (var run in runs)
        {
            var duration = run.StartedAt is { } s && run.FinishedAt is { } f ? TimeText.Duration(f - s) : "";
            output.WriteLine(
                $"{run.Id,7}  {run.TaskId,-28} {TimeText.Utc(run.SlotUtc),-20} {RunNames.Of(run.Trigger),-9} {run.Attempt,3}  {RunNames.Of(run.Status),-11} {duration,9}  {run.Error}");
        }
    }
}
