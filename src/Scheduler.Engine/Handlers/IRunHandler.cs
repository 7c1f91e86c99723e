namespace Scheduler.Engine.Handlers;

/// <summary>
/// Does what a run does (<c>command</c>, <c>shell</c>, <c>http</c>, <c>sqlite-backup</c>, <c>cleanup</c>).
/// An interface because handlers have external effects and several implementations.
/// </summary>
public interface IRunHandler
{
    /// <summary>The task-file key this handler serves, e.g. <c>command</c>.</summary>
    string Kind { get; }

    /// <summary>
    /// Runs once and reports how it ended. Enforces the task's <c>timeout</c> itself (with the run's
    /// <see cref="RunContext.Time"/>); when <paramref name="cancel"/> fires it stops as a timeout does
    /// (TERM, <c>kill-grace</c>, KILL for processes) and returns <see cref="Definitions.Runs.RunStatus.Cancelled"/>.
    /// Never throws for a failure of the job itself: that is a Failed outcome with the error.
    /// </summary>
    Task<HandlerOutcome> RunAsync(RunContext context, CancellationToken cancel);
}
