using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace Scheduler.Cli;

/// <summary>
/// <c>scheduler --version</c>: the version and the commit it was built from, so a bug report or a page that shows a
/// version can be traced to the exact source (<c>scheduler 1.4.0 (commit 0bda957…)</c>).
/// </summary>
internal sealed class VersionAction(CliContext context) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        context.Out.WriteLine(Describe(typeof(VersionAction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion));
        return ExitCodes.Ok;
    }

    /// <summary>
    /// The SDK writes the informational version as VERSION+COMMIT when the build knows its commit (from git, or
    /// SourceRevisionId in the release workflow); a build outside a checkout (a docker build without .git) has none.
    /// </summary>
    public static string Describe(string? informationalVersion)
    {
        var text = informationalVersion ?? "0.0.0";
        var plus = text.IndexOf('+', StringComparison.Ordinal);
        return plus < 0
            ? $"scheduler {text} (commit unknown: built outside a git checkout)"
            : $"scheduler {text[..plus]} (commit {text[(plus + 1)..]})";
    }
}
