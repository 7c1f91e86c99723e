using System.Diagnostics;
using Scheduler.Tests.Cli;

namespace Scheduler.Tests.Build;

/// <summary>
/// The banned-API rule (no wall clock in shipped code) is scoped by a project's path relative to the repository,
/// so a checkout that itself sits under a folder named <c>src</c> (<c>~/src/scheduler</c>) still builds its tests.
/// The build files are copied into such a checkout in a temp folder and evaluated by MSBuild itself.
/// </summary>
public sealed class BannedApiScopeTests : IDisposable
{
    private static readonly string Repository = RepositoryExamplesTests.FindRepositoryRoot();
    private readonly string _temp = Directory.CreateTempSubdirectory("scheduler-build-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Theory]
    [InlineData("src/scheduler")]
    [InlineData("home/me/src/work/scheduler")]
    [InlineData("scheduler")]
    public async Task Only_projects_under_the_repositorys_own_src_folder_are_shipped_wherever_the_checkout_is(string checkout)
    {
        var root = Path.Combine(_temp, checkout);
        foreach (var file in (string[])["Directory.Build.props", "Directory.Packages.props", "global.json", "BannedSymbols.txt"])
        {
            Copy(file, root);
        }

        Copy("src/Scheduler.Definitions/Scheduler.Definitions.csproj", root);
        Copy("tests/Scheduler.Definitions.Tests/Scheduler.Definitions.Tests.csproj", root);

        // MSBuild prints the boolean as String.StartsWith returned it ("True"); its conditions compare without case.
        Assert.Equal("true", await ShippedAsync(Path.Combine(root, "src/Scheduler.Definitions/Scheduler.Definitions.csproj")), ignoreCase: true);
        Assert.Equal("false", await ShippedAsync(Path.Combine(root, "tests/Scheduler.Definitions.Tests/Scheduler.Definitions.Tests.csproj")), ignoreCase: true);
    }

    private static void Copy(string relative, string root)
    {
        var target = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(Path.Combine(Repository, relative), target);
    }

    /// <summary>The project's IsShippedProject as MSBuild evaluates it (no restore, no build).</summary>
    private static async Task<string> ShippedAsync(string project)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(project)!,
        };
        foreach (var argument in (string[])["msbuild", project, "-getProperty:IsShippedProject", "-nologo", "-nodeReuse:false"])
        {
            start.ArgumentList.Add(argument);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, $"dotnet msbuild {project} exited {process.ExitCode}: {await output}{await error}");
        return (await output).Trim();
    }
}
