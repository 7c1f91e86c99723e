using Scheduler.Definitions.Model;
using Scheduler.Engine.Handlers.Processes;

namespace Scheduler.Engine.Handlers;

/// <summary>Runs a <c>command</c>: the program and its arguments (each rendered as a template), no shell in between.</summary>
public sealed class CommandRunHandler : IRunHandler, IPrestartingHandler
{
    public string Kind => "command";

    public async Task<HandlerOutcome> RunAsync(RunContext context, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Task.Handler is not CommandHandler command || command.Arguments.Count == 0)
        {
            throw new ArgumentException($"Task '{context.Task.Id}' is not a command task with a program.", nameof(context));
        }

        return Render(command, context, out var error) is { } argv
            ? await ProcessRunner.RunCommandAsync(context, argv, cancel).ConfigureAwait(false)
            : HandlerOutcome.Failed(error!);
    }

    PrestartedRun? IPrestartingHandler.Prestart(RunContext context) =>
        context.Task.Handler is CommandHandler { Arguments.Count: > 0 } command && Render(command, context, out _) is { } argv
            ? ProcessRunner.PrestartCommand(context, argv)
            : null;

    /// <summary>Each argument rendered as a template; null with the first template's error.</summary>
    private static List<string>? Render(CommandHandler command, RunContext context, out string? error)
    {
        var argv = new List<string>(command.Arguments.Count);
        foreach (var argument in command.Arguments)
        {
            if (!TemplateRenderer.TryRender(argument, context, out var rendered, out error))
            {
                return null;
            }

            argv.Add(rendered);
        }

        error = null;
        return argv;
    }
}
