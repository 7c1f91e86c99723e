namespace Scheduler.State.Store;

/// <summary>What a group's admission does with one queued run: start it here (no reason), or skip it with <see cref="SkipReason"/>.</summary>
public sealed record GroupMove(long RunId, string? SkipReason = null)
{
    public bool Starts => SkipReason is null;
}
