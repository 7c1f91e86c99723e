using Scheduler.Definitions.Model;
using Scheduler.Engine.Handlers.Processes;

namespace Scheduler.Engine.Handlers;

/// <summary>Runs a <c>command</c>: the program and its arguments (each rendered as a template), no shell in between.</summary>
public sealed class CommandRunHandler : IRunHandler
{
    public string Kind => "command";

    public async Task<HandlerOutcome> RunAsync(RunContext context, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Task.Handler is not CommandHandler command || command.Arguments.Count == 0)
        {
            throw new ArgumentException($"Task '{context.Task.Id}' is not a command task with a program.", nameof(context));
        }

        var argv = new List<string>(command.Arguments.Count);
        foreach (var argument in command.Arguments)
        {
            if (!TemplateRenderer.TryRender(argument, context, out var rendered, out var error))
            {
                return HandlerOutcome.Failed(error);
            }

            argv.Add(rendered);
        }

        return await ProcessRunner.RunCommandAsync(context, argv, cancel).ConfigureAwait(false);
    }
}
