using Microsoft.Extensions.Configuration;
using Scheduler.Engine.Handlers;

namespace Scheduler.Serving;

/// <summary><c>Scheduler:Runs</c>: what runs get from the scheduler's environment; read by serve and by <c>scheduler run</c> alike.</summary>
internal static class RunsSettings
{
    public static PassEnvironment PassEnvironment(IConfiguration configuration) =>
        new(configuration.GetSection("Scheduler:Runs:PassEnvironment").Get<string[]>());

    /// <summary><c>Scheduler:Runs:SuspendAfterFailures</c>: the default of <c>suspend-after-failures</c> (1 to 1000); none unless set.</summary>
    public static int? SuspendAfterFailures(IConfiguration configuration)
    {
        var text = configuration["Scheduler:Runs:SuspendAfterFailures"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= 1000
            ? limit
            : throw new Cli.CommandFailedException(
                $"Scheduler:Runs:SuspendAfterFailures: '{text}' is not a number of failures from 1 to 1000; set it to e.g. 5, or remove it so that only tasks with suspend-after-failures are suspended.");
    }

    /// <summary>
    /// <c>Scheduler:Runs:ExecStub</c> (default true): start command and shell runs through the in-memory exec stub. False
    /// where a security policy flags or forbids executing from a memfd: runs then start through setsid and sh, as before.
    /// </summary>
    public static void ApplyExecStub(IConfiguration configuration)
    {
        var text = configuration["Scheduler:Runs:ExecStub"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        if (!bool.TryParse(text, out var use))
        {
            throw new Cli.CommandFailedException($"Scheduler:Runs:ExecStub: '{text}' is not true or false; set it to false to start runs through setsid and sh, or remove it.");
        }

        if (!use)
        {
            Engine.Handlers.Processes.ExecStub.TurnOff();
        }
    }
}
