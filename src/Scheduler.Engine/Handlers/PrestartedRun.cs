namespace Scheduler.Engine.Handlers;

/// <summary>
/// A run whose process was started ahead of the run (claimed ahead of its slot) and is held before its program until
/// <see cref="RunAsync"/> releases it: at the slot the start is then one write and one exec, not a fork behind .NET's
/// process-start lock. Either <see cref="RunAsync"/> or <see cref="AbandonAsync"/> is called, once.
/// </summary>
internal abstract class PrestartedRun
{
    /// <summary>Releases the held process (its program starts now) and runs as <see cref="IRunHandler.RunAsync"/> does; the timeout counts from here.</summary>
    public abstract Task<HandlerOutcome> RunAsync(CancellationToken cancel);

    /// <summary>Ends the held process without running its program (the run was stopped before its slot), leaving no process behind.</summary>
    public abstract Task AbandonAsync();
}
