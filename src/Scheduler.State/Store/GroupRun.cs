using Scheduler.Definitions.Runs;

namespace Scheduler.State.Store;

/// <summary>A run of a concurrency group that waits <c>queued</c> for a place (or was just given one), as the group's admission sees it.</summary>
public sealed record GroupRun(long RunId, string TaskId, DateTimeOffset SlotUtc, int Attempt, RunTrigger Trigger, string Instance)
{
    /// <summary>The parameter values the claim gave it (canonical texts), for the run when it starts; null when the task declares none.</summary>
    public IReadOnlyDictionary<string, string>? Parameters { get; init; }
}
