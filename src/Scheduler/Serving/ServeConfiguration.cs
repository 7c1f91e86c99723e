using Microsoft.Extensions.Configuration;

namespace Scheduler.Serving;

/// <summary>The settings serve reads before the host exists: appsettings.json beside the executable, then Scheduler__* environment variables, then the files in $CREDENTIALS_DIRECTORY.</summary>
internal static class ServeConfiguration
{
    public static IConfiguration Load() => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .AddCredentialFiles()
        .Build();
}
