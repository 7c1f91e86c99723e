namespace Scheduler.Engine.Reconciling;

/// <summary>Where task files come from: a watched folder, or (later) a git branch. Two implementations, hence the interface.</summary>
public interface IDefinitionSource
{
    /// <summary>A human description for logs and the page, e.g. "folder ./schedules".</summary>
    string Description { get; }

    /// <summary>Reads every task file now. Never throws for a missing or unreadable source: it says so in the snapshot.</summary>
    Task<SourceSnapshot> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Completes when the source may have changed (a watcher event), or when <paramref name="timeout"/> passes (the periodic rescan).</summary>
    Task WaitForChangeAsync(TimeSpan timeout, CancellationToken cancellationToken);
}
