using System.CommandLine;
using System.Text.Json;
using Scheduler.Cli;
using Scheduler.Definitions.Runs;
using Scheduler.Output;
using Scheduler.State.Entities;

namespace Scheduler.Commands;

/// <summary><c>scheduler runs [TASK] [--last N=20] [--data DIR | --store postgres --connection CS] [--format text|json]</c>: the recorded runs, newest first, read from the store.</summary>
internal static class RunsCommand
{
    public static Command Create(CliContext context)
    {
        var task = new Argument<string?>("TASK") { Description = "Only the runs of this task id.", Arity = ArgumentArity.ZeroOrOne };
        var last = new Option<int>("--last") { Description = "How many runs to show, newest first (1-10000).", DefaultValueFactory = _ => 20 };
        var data = new Option<string>("--data") { Description = "The folder of the state store.", DefaultValueFactory = _ => "./data" };
        var storeFlags = new StoreFlags();
        var format = FormatOption.Create("text", "json");
        var command = new Command("runs", "Print recorded runs from the state store, newest first. Works while serve runs.") { task, last, data, storeFlags.Store, storeFlags.Connection, format };
        command.SetAction(async (result, cancellationToken) =>
        {
            var count = result.GetValue(last);
            if (count is < 1 or > 10_000)
            {
                throw new CommandFailedException($"--last {count} is out of range: use 1 to 10000.");
            }

            var (kind, connection) = storeFlags.Read(result, Serving.ServeConfiguration.Load());
            await using var store = await StoreReader.OpenAsync(result.GetRequiredValue(data), kind, connection, context, cancellationToken);
            var runs = await store.Runs.ListRunsAsync(result.GetValue(task), count, null, cancellationToken);
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
