namespace Scheduler.Engine.Notifications;

/// <summary>
/// Hears what the engine recorded: a run's outcome, a slot skipped or passed over. Called on the engine's own
/// threads, so an implementation must return at once (queue the work, never wait on I/O).
/// </summary>
public interface IRunEventSink
{
    void Publish(RunEvent runEvent);

    /// <summary>False when nothing about this task would be told, so the engine can skip the work of describing it.</summary>
    bool ListensTo(Running.ScheduledTask task) => true;

    /// <summary>
    /// The same question for one kind of event. Telling an outcome costs the engine a store read (the streak
    /// before the run), so a sink that only counts skips says no to <see cref="RunEventKind.Finished"/> here.
    /// </summary>
    bool ListensTo(Running.ScheduledTask task, RunEventKind kind) => ListensTo(task);
}
