namespace Scheduler.Engine.Planning;

/// <summary>A pause over a task as the dispatch decision sees it: who, why, since when and (optionally) until when.</summary>
public sealed record PauseWindow(string By, string Reason, DateTimeOffset Since, DateTimeOffset? Until = null)
{
    /// <summary>True at <paramref name="now"/> when the pause has begun and its until (exclusive) has not come.</summary>
    public bool HoldsAt(DateTimeOffset now) => now >= Since && (Until is not { } until || now < until);

    /// <summary>The reason written on each slot the pause skips, pinned: <c>paused by WHO: REASON</c>.</summary>
    public string SkipReason => $"paused by {By}: {Reason}";
}
