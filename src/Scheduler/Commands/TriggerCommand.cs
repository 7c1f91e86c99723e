using System.CommandLine;
using Scheduler.Cli;
using Scheduler.Remote;

namespace Scheduler.Commands;

/// <summary>
/// <c>scheduler trigger TASK-OR-FOLDER [--param NAME=VALUE ...] [--wait] [--server URL] [--token-from-env NAME]</c>:
/// asks a running server to run a task now (<c>POST /api/tasks/{id}/run</c>), or every task of a folder
/// (<c>reports/</c>) once. With <c>--wait</c> it follows the runs and exits with the run's exit code, so a pipeline
/// can gate on it. A refusal (409 and its reason, 401, 403, 404) is printed as the server said it and exits 2.
/// </summary>
internal static class TriggerCommand
{
    public static Command Create(CliContext context)
    {
        var target = new Argument<string>("TASK-OR-FOLDER") { Description = "A task id (backups/nightly-db), or a folder ending in '/' (reports/) to run each of its tasks once." };
        var parameters = new Option<string[]>("--param")
        {
            Description = "NAME=VALUE, repeatable: a parameter of the run, sent as {\"params\":{...}}.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var wait = new Option<bool>("--wait") { Description = "Follow the run until it ends and exit with its exit code (124 timed out, 130 cancelled or interrupted, 1 failed without a code or skipped)." };
        var server = new ServerFlags($"The running scheduler serve to ask (default {ServerFlags.DefaultServer}).");
        var command = new Command("trigger",
            "Ask a running server to run a task, or each task of a folder, now (exit 2 when it refuses); with --wait, exit with the run's exit code.")
        {
            target, parameters, wait, server.Server, server.TokenFromEnv,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var values = ParseParameters(result.GetValue(parameters) ?? []);
            using var client = server.Open(result, ServerFlags.DefaultServer)!;
            var name = result.GetRequiredValue(target);
            var taskIds = name.EndsWith('/') ? await FolderAsync(client, name, cancellationToken) : [name];

            // All runs start first, then are followed: a folder's tasks run side by side, as the button on the page does.
            var started = new List<(string TaskId, long? RunId)>();
            foreach (var taskId in taskIds)
            {
                started.Add((taskId, await StartAsync(client, taskId, values, context, cancellationToken)));
            }

            var exit = ExitCodes.Ok;
            foreach (var (taskId, runId) in started)
            {
                var code = runId is not { } id ? ExitCodes.CannotRun
                    : result.GetValue(wait) ? await RunWaiter.WaitAsync(client, id, context, cancellationToken)
                    : ExitCodes.Ok;
                exit = exit != ExitCodes.Ok ? exit : code; // the first task (in id order) that did not succeed decides
            }

            return exit;
        });
        return command;
    }

    private static async Task<long?> StartAsync(ServerClient client, string taskId, IReadOnlyDictionary<string, string> values, CliContext context, CancellationToken cancellationToken)
    {
        try
        {
            var runId = await client.RunNowAsync(taskId, values, cancellationToken);
            context.Out.WriteLine($"{taskId}: run #{runId} started");
            return runId;
        }
        catch (ServerRefusedException e)
        {
            context.Error.WriteLine($"error: {taskId}: {e.Message}");
            return null;
        }
    }

    private static async Task<string[]> FolderAsync(ServerClient client, string folder, CancellationToken cancellationToken)
    {
        var tasks = await client.ListTasksAsync(cancellationToken);
        // Retired tasks are history, not tasks to run; the server would refuse each of them.
        var ids = tasks.Where(t => t.Id.StartsWith(folder, StringComparison.Ordinal) && t.State != "retired").Select(t => t.Id).Order(StringComparer.Ordinal).ToArray();
        return ids.Length > 0
            ? ids
            : throw new CommandFailedException($"there are no tasks in '{folder}' on the server; `scheduler status --server URL` lists them.");
    }

    private static Dictionary<string, string> ParseParameters(string[] texts)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            if (equals < 1)
            {
                throw new CommandFailedException($"--param '{text}' is not NAME=VALUE: write e.g. --param region=eu.");
            }

            var name = text[..equals];
            if (!values.TryAdd(name, text[(equals + 1)..]))
            {
                throw new CommandFailedException($"--param {name} is given twice: give each parameter once.");
            }
        }

        return values;
    }
}
