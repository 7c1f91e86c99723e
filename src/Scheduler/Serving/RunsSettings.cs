using Microsoft.Extensions.Configuration;
using Scheduler.Engine.Handlers;

namespace Scheduler.Serving;

/// <summary><c>Scheduler:Runs</c>: what runs get from the scheduler's environment; read by serve and by <c>scheduler run</c> alike.</summary>
internal static class RunsSettings
{
    public static PassEnvironment PassEnvironment(IConfiguration configuration) =>
        new(configuration.GetSection("Scheduler:Runs:PassEnvironment").Get<string[]>());
}
