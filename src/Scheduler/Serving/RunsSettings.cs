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
}
