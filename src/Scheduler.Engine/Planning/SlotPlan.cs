namespace Scheduler.Engine.Planning;

/// <summary>
/// What to do for one task at one instant: the runs to start (oldest first), how many due slots are
/// passed over (and why), the new watermark (every slot at or before it is handled), and the next slot.
/// </summary>
public sealed record SlotPlan(
    IReadOnlyList<PlannedRun> Runs,
    int Passed,
    string? PassedReason,
    DateTimeOffset Watermark,
    DateTimeOffset? Next)
{
    /// <summary>The first of the reasons in <see cref="PassedReason"/> as a value; null when nothing was passed over.</summary>
    public PassedCause? FirstPassedCause { get; init; }

    /// <summary>The slots passed over, as ranges of one reason each, oldest first; <see cref="Passed"/> is the sum of their counts.</summary>
    public IReadOnlyList<PassedRange> PassedRanges { get; init; } = [];

    /// <summary>True when the plan runs slots that were missed rather than just the one due now.</summary>
    public bool IsCatchUp => Passed > 0 || Runs.Any(r => r.Trigger == Definitions.Runs.RunTrigger.CatchUp);
}
