using Scheduler.Definitions.Model;
using Scheduler.Engine.Handlers.Processes;

namespace Scheduler.Engine.Handlers;

/// <summary>Runs a <c>shell</c> script (rendered as a template) with <c>/bin/sh -c</c>.</summary>
public sealed class ShellRunHandler : IRunHandler, IPrestartingHandler
{
    public string Kind => "shell";

    public async Task<HandlerOutcome> RunAsync(RunContext context, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Task.Handler is not ShellHandler shell)
        {
            throw new ArgumentException($"Task '{context.Task.Id}' is not a shell task.", nameof(context));
        }

        if (!TemplateRenderer.TryRender(shell.Script, context, out var script, out var error))
        {
            return HandlerOutcome.Failed(error);
        }

        return await ProcessRunner.RunShellAsync(context, script, cancel).ConfigureAwait(false);
    }

    PrestartedRun? IPrestartingHandler.Prestart(RunContext context) =>
        context.Task.Handler is ShellHandler shell && TemplateRenderer.TryRender(shell.Script, context, out var script, out _)
            ? ProcessRunner.PrestartShell(context, script)
            : null;
}
