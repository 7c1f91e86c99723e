using System.Diagnostics;

namespace Scheduler.Tests.Cli;

/// <summary>The examples in the repository's schedules/ folder, checked through the real executable as CI and users run it.</summary>
public sealed class RepositoryExamplesTests
{
    [Fact]
    public async Task The_repository_examples_validate_cleanly_through_the_real_executable()
    {
        var repository = FindRepositoryRoot();
        var scheduler = Path.Combine(AppContext.BaseDirectory, "scheduler.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", scheduler, "validate"])
        {
            WorkingDirectory = repository,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(0, process.ExitCode);
        Assert.Matches(@"^\d+ files checked: (\d+) valid tasks, 0 invalid files, 0 errors, 0 warnings\.\n$", output);
    }

    internal static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Scheduler.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Scheduler.sln not found above the test binaries.");
    }
}
