using System.CommandLine;
using Scheduler.Cli;
using Scheduler.Remote;

namespace Scheduler.Commands;

/// <summary>
/// <c>scheduler cancel RUN-ID [--server URL] [--token-from-env NAME]</c>: asks a running server to stop a run
/// (<c>POST /api/runs/{id}/cancel</c>); it is recorded as cancelled. A refusal (a run already over: 409) exits 2.
/// </summary>
internal static class CancelCommand
{
    public static Command Create(CliContext context)
    {
        var run = new Argument<long>("RUN-ID") { Description = "The run to stop, as runs and status show it (#42 is 42)." };
        var server = new ServerFlags($"The running scheduler serve to ask (default {ServerFlags.DefaultServer}).");
        var command = new Command("cancel", "Ask a running server to stop a run; it is recorded as cancelled (exit 2 when the server refuses).")
        {
            run, server.Server, server.TokenFromEnv,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var client = server.Open(result, ServerFlags.DefaultServer)!;
            var id = result.GetValue(run);
            await client.CancelAsync(id, cancellationToken);
            context.Out.WriteLine($"run #{id}: cancel requested");
            return ExitCodes.Ok;
        });
        return command;
    }
}
