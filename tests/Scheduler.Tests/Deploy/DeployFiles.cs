using Scheduler.Tests.Cli;

namespace Scheduler.Tests.Deploy;

/// <summary>Where the deployment files live in the repository.</summary>
internal static class DeployFiles
{
    public static readonly string Root = RepositoryExamplesTests.FindRepositoryRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>A program the test needs, with a message that says how to get it when it is missing.</summary>
    public static string Require(string program) =>
        ToolRun.Find(program) ?? throw new InvalidOperationException($"{program} is not on PATH: .ci/run installs it on a fresh machine.");
}
