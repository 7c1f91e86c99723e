using System.Diagnostics;

namespace Scheduler.Web.Tests.OpenApi;

/// <summary>Runs <c>@redocly/cli lint</c> (pinned in OpenApi/lint, installed by the test project's build) on a document file.</summary>
internal static class RedoclyLint
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string documentFile)
    {
        var cli = Path.Combine(LintFolder(), "node_modules", "@redocly", "cli", "bin", "cli.js");
        Assert.True(File.Exists(cli), $"{cli} is missing: the test project's build runs `npm ci` in OpenApi/lint.");
        var start = new ProcessStartInfo("node", [cli, "lint", "--extends=recommended", "--format=stylish", documentFile])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(documentFile)!,
        };
        // No telemetry, no update check: the lint must pass with the npm registry as the only reachable host.
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    private static string LintFolder()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Scheduler.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("Scheduler.sln not found above the test binaries."),
            "tests", "Scheduler.Web.Tests", "OpenApi", "lint");
    }
}
