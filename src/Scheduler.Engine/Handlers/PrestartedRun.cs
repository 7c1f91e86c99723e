namespace Scheduler.Engine.Handlers;

/// <summary>
/// A run whose process was started ahead of the run (claimed ahead of its slot) and is held before its program until
/// <see cref="RunAsync"/> releases it: at the slot the start is then one write and one exec, not a fork behind .NET's
/// process-start lock. Either <see cref="RunAsync"/> or <see cref="AbandonAsync"/> is called, once.
/// </summary>
internal abstract class PrestartedRun
{
    /// <summary>
    /// Lets the held program start now, from the caller's thread (no hop to another one, so a hundred releases take a
    /// millisecond, not a turn of the thread pool each); a second call does nothing. The timeout counts from here.
    /// </summary>
    public abstract void Release();

    /// <summary>Releases the held process unless <see cref="Release"/> did, and runs as <see cref="IRunHandler.RunAsync"/> does until the run ends.</summary>
    public abstract Task<HandlerOutcome> RunAsync(CancellationToken cancel);

    /// <summary>Ends the held process without running its program (the run was stopped before its slot), leaving no process behind.</summary>
    public abstract Task AbandonAsync();
}
