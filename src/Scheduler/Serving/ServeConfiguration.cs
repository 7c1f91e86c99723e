using Microsoft.Extensions.Configuration;

namespace Scheduler.Serving;

/// <summary>The settings serve reads before the host exists: appsettings.json beside the executable, then Scheduler__* environment variables.</summary>
internal static class ServeConfiguration
{
    public static IConfiguration Load() => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .Build();
}
