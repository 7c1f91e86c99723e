namespace Scheduler.Engine.Handlers;

/// <summary>A handler that can start a run's process ahead of the run and hold it until the run starts (<c>command</c>, <c>shell</c>).</summary>
internal interface IPrestartingHandler
{
    /// <summary>
    /// The run's process, started and held before its program; null when nothing can be held (no exec stub, a template
    /// or a program that fails: the run then starts as usual at its start and reports the failure there).
    /// </summary>
    PrestartedRun? Prestart(RunContext context);
}
