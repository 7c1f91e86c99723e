using Scheduler.Cli;

namespace Scheduler.Tests.Cli;

/// <summary>Runs the command line in-process with captured output, a chosen current directory and a fixed clock.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public static CliRun Invoke(string currentDirectory, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = CliApp.Run(args, new CliContext(output, error, currentDirectory, new FixedTime(Now)));
        return new CliRun(exit, output.ToString(), error.ToString());
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
