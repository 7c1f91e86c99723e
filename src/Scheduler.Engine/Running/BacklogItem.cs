using Scheduler.Engine.Planning;

namespace Scheduler.Engine.Running;

/// <summary>
/// One entry of a task's backlog: an owed run waiting its turn, or a row to write in its turn (a skip with its
/// <see cref="SkipReason"/>, or a <see cref="Pass"/>ed range). While a task has a backlog its rows are written in
/// slot order, so the store's mark can stop below the first entry and a crash loses nothing and doubles nothing.
/// </summary>
internal readonly record struct BacklogItem(OwedRun Run, string? SkipReason = null, PassedRange? Pass = null)
{
    /// <summary>True for a row to write rather than a run to start.</summary>
    public bool IsRecordOnly => SkipReason is not null || Pass is not null;
}
