namespace Scheduler.State.Store;

/// <summary>A concurrency group as it stands under its lock: how many of its runs are <c>running</c> on any replica, and its queued runs in slot order.</summary>
public sealed record GroupSnapshot(string Group, int Running, IReadOnlyList<GroupRun> Queued);
