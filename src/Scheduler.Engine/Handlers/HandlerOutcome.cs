using Scheduler.Definitions.Runs;

namespace Scheduler.Engine.Handlers;

/// <summary>How a run ended: Succeeded, Failed, TimedOut or Cancelled, the exit code when there is a process, and what went wrong.</summary>
public sealed record HandlerOutcome(RunStatus Status, int? ExitCode = null, string? Error = null)
{
    public static HandlerOutcome Succeeded(int? exitCode = 0) => new(RunStatus.Succeeded, exitCode);

    public static HandlerOutcome Failed(string error, int? exitCode = null) => new(RunStatus.Failed, exitCode, error);
}
