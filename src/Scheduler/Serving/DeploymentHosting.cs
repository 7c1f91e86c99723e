using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Console;

namespace Scheduler.Serving;

/// <summary>
/// What <c>serve</c> needs from the places it is deployed (deploy/): systemd's readiness and stop notifications,
/// secrets handed over as files (systemd credentials, Kubernetes Secret volumes), and traces for the team's collector.
/// </summary>
internal static class DeploymentHosting
{
    /// <summary>The folder whose files are settings, one per file, named like environment variables.</summary>
    public const string CredentialsVariable = "CREDENTIALS_DIRECTORY";

    public static void AddDeploymentHosting(this WebApplicationBuilder builder)
    {
        // The slim builder fixes the simple console formatter; Logging:Console decides instead (FormatterName: simple in
        // appsettings.json, json for log shippers). Before AddSystemd, which picks the journal's format under systemd.
        builder.Services.Configure<ConsoleLoggerOptions>(builder.Configuration.GetSection("Logging:Console"));

        // Only under systemd (the parent process is systemd): READY=1 once the host has started, STOPPING=1 on
        // SIGTERM, and log lines with the journal's priority prefix. Elsewhere it adds nothing.
        builder.Services.AddSystemd();
        builder.Configuration.AddCredentialFiles();
        builder.AddTracing();
    }

    /// <summary>
    /// Every file in <c>$CREDENTIALS_DIRECTORY</c> as a setting: the file <c>Scheduler__Api__Token</c> is
    /// <c>Scheduler:Api:Token</c>, its text the value. systemd's <c>LoadCredential=</c> fills that folder; a
    /// Kubernetes Secret mounted as a volume is the same shape. Files win over environment variables, so a
    /// secret never has to be in the environment, where every child process could read it.
    /// </summary>
    public static IConfigurationBuilder AddCredentialFiles(this IConfigurationBuilder configuration)
    {
        var directory = Environment.GetEnvironmentVariable(CredentialsVariable);
        if (string.IsNullOrEmpty(directory) || !Directory.Exists(directory))
        {
            return configuration;
        }

        return configuration.AddKeyPerFile(Path.GetFullPath(directory), optional: true);
    }
}
