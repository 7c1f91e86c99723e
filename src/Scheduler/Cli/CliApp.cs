using System.CommandLine;
using Scheduler.Commands;
using Scheduler.Remote;

namespace Scheduler.Cli;

/// <summary>The command line: builds the commands, maps parse errors and failures to the pinned exit codes.</summary>
internal static class CliApp
{
    public static int Run(string[] args, CliContext context)
    {
        var root = new RootCommand("Scheduler: cron jobs as code. Task definitions live as YAML files in schedules/ of a git repository.")
        {
            ValidateCommand.Create(context),
            NextCommand.Create(context),
            SchemaCommand.Create(context),
            ServeCommand.Create(context),
            PlanCommand.Create(context),
            RunsCommand.Create(context),
            StatusCommand.Create(context),
            RunCommand.Create(context),
            TriggerCommand.Create(context),
            CancelCommand.Create(context),
            PauseCommand.CreatePause(context),
            PauseCommand.CreateResume(context),
        };
        root.Options.OfType<VersionOption>().Single().Action = new VersionAction(context);

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                context.Error.WriteLine($"error: {error.Message}");
            }

            var command = string.Join(' ', parsed.CommandResult.Command.Name == root.Name ? [] : new[] { parsed.CommandResult.Command.Name });
            context.Error.WriteLine($"Run 'scheduler {command}{(command.Length > 0 ? " " : "")}--help' for usage.");
            return ExitCodes.CannotRun;
        }

        try
        {
            // ProcessTerminationTimeout = null: System.CommandLine would otherwise end the process 2 s after SIGTERM;
            // serve's host handles the signal itself and needs its grace period to stop runs cleanly.
            return parsed.Invoke(new InvocationConfiguration
            {
                Output = context.Out,
                Error = context.Error,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            });
        }
        catch (CommandFailedException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.CannotRun;
        }
        catch (ServerRefusedException e)
        {
            // What the server said, as it said it: the reason of a 409, the body of a 400, 401, 403 or 404.
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.CannotRun;
        }
    }
}
