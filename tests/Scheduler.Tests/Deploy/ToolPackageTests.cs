using System.Reflection;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using Scheduler.Cli;
using Scheduler.Tests.Cli;

namespace Scheduler.Tests.Deploy;

/// <summary>
/// The .NET tool as a team installs it: <c>dotnet pack src/Scheduler</c> (the build this test run already made, packed
/// once), <c>dotnet tool install</c> from a folder feed into a tool path, and the installed <c>scheduler</c> run.
/// </summary>
[UnsupportedOSPlatform("windows")] // the tool path, the shell scripts and the executable bit are the Linux runner's
public sealed partial class ToolPackageTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scheduler-tool-").FullName;

    [Fact]
    public async Task The_packed_tool_installs_from_a_folder_feed_and_its_scheduler_command_prints_version_and_commit_and_validates()
    {
        var feed = Path.Combine(_folder, "feed");
        var configuration = typeof(ToolPackageTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var pack = await ToolRun.RunAsync("dotnet",
            ["pack", DeployFiles.Path("src", "Scheduler", "Scheduler.csproj"), "--no-build", "--no-restore", "-c", configuration, "-o", feed, "--nologo"],
            timeout: TimeSpan.FromMinutes(5));
        Assert.True(pack.ExitCode == 0, pack.Describe());
        var package = Path.GetFileName(Assert.Single(Directory.GetFiles(feed, "*.nupkg")));
        var version = VersionOf().Match(package).Groups["version"].Value;

        // Only the folder feed: the install must not depend on anything else being reachable.
        var config = Path.Combine(_folder, "nuget.config");
        await File.WriteAllTextAsync(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources><clear /><add key="local" value="{feed}" /></packageSources>
            </configuration>
            """);
        var tools = Path.Combine(_folder, "tools");
        var install = await ToolRun.RunAsync("dotnet",
            ["tool", "install", "scheduler", "--tool-path", tools, "--version", version, "--configfile", config],
            _folder, timeout: TimeSpan.FromMinutes(3));
        Assert.True(install.ExitCode == 0, install.Describe());

        var scheduler = Path.Combine(tools, "scheduler");
        var environment = DotnetRoot();
        var printed = await ToolRun.RunAsync(scheduler, ["--version"], _folder, environment);
        Assert.True(printed.ExitCode == 0, printed.Describe());
        var expected = VersionAction.Describe(typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion);
        Assert.Equal(expected, printed.Out.TrimEnd());
        Assert.Matches($@"^scheduler {Regex.Escape(version)} \(commit [0-9a-f]{{40}}\)$", printed.Out.TrimEnd());

        var validate = await ToolRun.RunAsync(scheduler, ["validate", DeployFiles.Path("schedules")], _folder, environment);
        Assert.True(validate.ExitCode == 0, validate.Describe());

        await TheActionInstallsTheReleasedPackageAndValidatesWithItAsync(feed, version, environment);
    }

    [Theory]
    [InlineData("1.4.0+0bda95713901dee4e4eff2edb016cf8017b98693", "scheduler 1.4.0 (commit 0bda95713901dee4e4eff2edb016cf8017b98693)")]
    [InlineData("1.4.0-rc.1+0bda957", "scheduler 1.4.0-rc.1 (commit 0bda957)")]
    [InlineData("1.4.0", "scheduler 1.4.0 (commit unknown: built outside a git checkout)")]
    public void The_version_line_splits_the_informational_version_into_version_and_commit(string informational, string line) =>
        Assert.Equal(line, VersionAction.Describe(informational));

    [Fact]
    public void Version_prints_the_line_and_exits_0()
    {
        var run = CliRun.Invoke(_folder, "--version");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("scheduler ", run.Out, StringComparison.Ordinal);
        Assert.Contains("(commit ", run.Out, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>
    /// The composite action given <c>version</c>: its install step, with a stand-in for <c>gh</c> that serves the
    /// release asset from the feed, installs the tool, and its validate step runs the installed command.
    /// </summary>
    private async Task TheActionInstallsTheReleasedPackageAndValidatesWithItAsync(string feed, string version, Dictionary<string, string> environment)
    {
        var bin = Directory.CreateDirectory(Path.Combine(_folder, "bin")).FullName;
        var gh = Path.Combine(bin, "gh");
        await File.WriteAllTextAsync(gh, """
            #!/bin/sh
            printf '%s\n' "$*" > "$FAKE_GH_LOG"
            while [ $# -gt 0 ]; do
              case "$1" in --dir) dir="$2"; shift ;; --pattern) pattern="$2"; shift ;; esac
              shift
            done
            mkdir -p "$dir" && cp "$FAKE_GH_FEED/$pattern" "$dir/"
            """);
        File.SetUnixFileMode(gh, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var runnerTemp = Directory.CreateDirectory(Path.Combine(_folder, "runner-temp")).FullName;
        var githubEnv = Path.Combine(_folder, "github-env");
        var ghLog = Path.Combine(_folder, "gh-args");
        var step = new Dictionary<string, string>(environment)
        {
            ["PATH"] = $"{bin}{Path.PathSeparator}{Environment.GetEnvironmentVariable("PATH")}",
            ["VERSION"] = version,
            ["PACKAGE_SOURCE"] = "",
            ["ACTION_PATH"] = "/home/runner/work/_actions/acme/scheduler/v1/.github/actions/scheduler-check",
            ["GH_TOKEN"] = "",
            ["RUNNER_TEMP"] = runnerTemp,
            ["GITHUB_ENV"] = githubEnv,
            ["FAKE_GH_LOG"] = ghLog,
            ["FAKE_GH_FEED"] = feed,
        };

        var install = await ActionScript.RunAsync("Install the released scheduler", _folder, step);

        Assert.True(install.ExitCode == 0, install.Describe());
        Assert.Equal($"release download v{version} --repo acme/scheduler --pattern scheduler.{version}.nupkg --dir {runnerTemp}/scheduler-feed",
            (await File.ReadAllTextAsync(ghLog)).TrimEnd());
        var command = Assert.Single(await File.ReadAllLinesAsync(githubEnv), l => l.StartsWith("SCHEDULER_COMMAND=", StringComparison.Ordinal))["SCHEDULER_COMMAND=".Length..];
        Assert.Equal(Path.Combine(runnerTemp, "scheduler-tool", "scheduler"), command);

        var validate = await ActionScript.RunAsync("Validate", DeployFiles.Root,
            new Dictionary<string, string>(environment) { ["SCHEDULER_COMMAND"] = command, ["SCHEDULES_PATH"] = "schedules" });
        Assert.True(validate.ExitCode == 0, validate.Describe());
    }

    /// <summary>The installed command is an apphost: it finds the runtime through DOTNET_ROOT where dotnet is not in a standard place.</summary>
    private static Dictionary<string, string> DotnetRoot()
    {
        var dotnet = ToolRun.Find("dotnet") ?? throw new InvalidOperationException("dotnet is not on PATH.");
        return new Dictionary<string, string> { ["DOTNET_ROOT"] = Path.GetDirectoryName(new FileInfo(dotnet).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? dotnet)! };
    }

    [GeneratedRegex(@"^scheduler\.(?<version>\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?)\.nupkg$")]
    private static partial Regex VersionOf();
}
