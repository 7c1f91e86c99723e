using Scheduler.Definitions.Runs;

namespace Scheduler.State.Store;

/// <summary>
/// The failure-streak rule, in one place: a failed or timed-out run adds one, a success resets it to zero, any other
/// end (cancelled, interrupted, skipped) leaves it. The store's end batch and the engine's run events both ask here.
/// </summary>
public static class FailureStreak
{
    /// <summary>The streak after a run of <paramref name="previous"/> ended as <paramref name="status"/>.</summary>
    public static int After(int previous, RunStatus status) => Change(status) switch
    {
        1 => previous + 1,
        0 => 0,
        _ => previous,
    };

    /// <summary>The rule as the store's end statement takes it: 1 adds one, 0 resets, -1 keeps.</summary>
    internal static int Change(RunStatus status) => status switch
    {
        RunStatus.Failed or RunStatus.TimedOut => 1,
        RunStatus.Succeeded => 0,
        _ => -1,
    };
}
