namespace Scheduler.Engine.Planning;

/// <summary>
/// A task's concurrency group as the dispatch decision sees it, read once per tick: its limit, and how many of its runs
/// are running or waiting on every replica. The store's admission counts again under the group's lock; this tells the
/// decision (and a person who pressed Run now) whether the claim will wait.
/// </summary>
public sealed record GroupPlace(string Group, int Limit, int Running, int Waiting)
{
    public string WaitingText => $"waiting for a place in group {Group} (limit {Limit})";
}
