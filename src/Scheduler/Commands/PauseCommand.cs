using System.CommandLine;
using Scheduler.Cli;
using Scheduler.Remote;

namespace Scheduler.Commands;

/// <summary>
/// <c>scheduler pause TARGET --reason TEXT [--until WHEN] [--server URL] [--token-from-env NAME]</c> and
/// <c>scheduler resume TARGET</c>: ask a running server to pause or resume a task, a folder (<c>backups/</c>, also its
/// later tasks) or everything (<c>*</c>) through <c>POST /api/pause</c> and <c>/api/resume</c>. A refusal (the 400's
/// reason, 401, 403) is printed as the server said it and exits 2.
/// </summary>
internal static class PauseCommand
{
    public static Command CreatePause(CliContext context)
    {
        var target = Target("pause");
        var reason = new Option<string>("--reason") { Description = "Why, for whoever looks next (required): shown on the page, in status and on each skipped slot.", Required = true };
        var until = new Option<string?>("--until") { Description = "When the pause ends by itself: an instant (2026-12-08T06:00:00Z) or a duration from now (2h, 1h30m). Until resumed when absent." };
        var server = new ServerFlags($"The running scheduler serve to ask (default {ServerFlags.DefaultServer}).");
        var command = new Command("pause", "Pause a task, a folder or everything on a running server: due slots are recorded skipped until it is resumed (exit 2 when the server refuses).")
        {
            target, reason, until, server.Server, server.TokenFromEnv,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var client = server.Open(result, ServerFlags.DefaultServer)!;
            var name = result.GetRequiredValue(target);
            var ids = await client.PauseAsync(name, result.GetRequiredValue(reason), result.GetValue(until), cancellationToken);
            context.Out.WriteLine($"paused {name}: {ids.Length} task(s){(name.EndsWith('/') || name == "*" ? " (and any added later)" : "")}");
            foreach (var id in ids)
            {
                context.Out.WriteLine($"  {id}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command CreateResume(CliContext context)
    {
        var target = Target("resume");
        var server = new ServerFlags($"The running scheduler serve to ask (default {ServerFlags.DefaultServer}).");
        var command = new Command("resume", "Lift the pause on a task, a folder or everything on a running server; nothing is caught up for the paused slots (exit 2 when the server refuses).")
        {
            target, server.Server, server.TokenFromEnv,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var client = server.Open(result, ServerFlags.DefaultServer)!;
            var name = result.GetRequiredValue(target);
            var ids = await client.ResumeAsync(name, cancellationToken);
            context.Out.WriteLine($"resumed {name}: {ids.Length} task(s) run on their schedule again");
            foreach (var id in ids)
            {
                context.Out.WriteLine($"  {id}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Argument<string> Target(string verb) => new("TARGET")
    {
        Description = $"What to {verb}: a task id (backups/nightly-db), a folder ending in '/' (backups/), or '*' for every task (quote it in a shell).",
    };
}
