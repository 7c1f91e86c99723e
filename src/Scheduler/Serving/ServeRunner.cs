using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scheduler.Cli;

namespace Scheduler.Serving;

/// <summary>Starts the host, says loudly when the clock is virtual, and maps a clean stop to exit code 0.</summary>
internal static class ServeRunner
{
    public static async Task<int> RunAsync(ServeOptions options, CliContext context, CancellationToken cancellationToken)
    {
        var schedules = Path.GetFullPath(options.Schedules, context.CurrentDirectory);
        if (options.Git is null && !Directory.Exists(schedules))
        {
            throw new CommandFailedException($"The schedules folder '{options.Schedules}' does not exist (looked in {schedules}).");
        }

        await using var app = await ServeHost.BuildAsync(options, context.CurrentDirectory, null, cancellationToken);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Scheduler.Serve");
        if (options.ClockStart is { } start)
        {
            ServeLog.VirtualClock(logger, start, options.ClockRate);
        }

        ServeLog.Serving(logger, options.Git is { } git ? $"git {git.Url} ({git.Branch}:{git.Path})" : options.Schedules, app.Services.GetRequiredService<State.Store.SchedulerStore>().Description, options.Urls);
        // SIGTERM and Ctrl-C reach the host's own lifetime, which drains and then stops the engine (see CliApp and
        // SchedulerService); a second one skips the drain.
        using var signals = new StopSignals(app.Services.GetRequiredService<Engine.SchedulerEngine>().Drain, logger);
        await app.RunAsync();
        return ExitCodes.Ok;
    }
}
