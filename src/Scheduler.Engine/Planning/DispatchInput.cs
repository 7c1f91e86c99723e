using Scheduler.Definitions.Model;

namespace Scheduler.Engine.Planning;

/// <summary>
/// Everything the dispatch decision looks at for one owed run of one task. Tomorrow's rules (pause, suspend,
/// chains, concurrency groups) come in as new inputs here and new rows in the decision's test table.
/// </summary>
/// <param name="Overlap">The task's overlap policy.</param>
/// <param name="Run">The run the task owes now.</param>
/// <param name="ActiveHere">The task's runs in this process that count for overlap (claimed, waiting for a place, or executing).</param>
/// <param name="ActiveElsewhere">The task's runs that are <c>running</c> on other replicas of a shared store.</param>
/// <param name="QueuedAhead">The task's backlog ahead of <paramref name="Run"/>, oldest first (empty for the head of the backlog).</param>
public sealed record DispatchInput(
    OverlapPolicy Overlap,
    OwedRun Run,
    IReadOnlyList<RunInWay> ActiveHere,
    IReadOnlyList<RunInWay> ActiveElsewhere,
    IReadOnlyList<OwedRun> QueuedAhead)
{
    /// <summary>The pause over the task, if any (see <see cref="PauseRule"/>); null when it is not paused.</summary>
    public PauseWindow? Pause { get; init; }

    /// <summary>The task's concurrency group as read this tick (see <see cref="ConcurrencyRule"/>); null when it names none.</summary>
    public GroupPlace? Group { get; init; }

    /// <summary>The instant of the decision, for the rules that end by themselves (a pause's until).</summary>
    public DateTimeOffset Now { get; init; }
}
