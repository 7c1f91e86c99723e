namespace Scheduler.State.Store;

/// <summary>
/// A chained task to queue when a run ends, given with the end (<see cref="RunFinish.Follows"/>) so the upstream's end
/// and the downstream's run are written in one transaction. The engine gives only the follows whose outcome the end
/// matches; with <see cref="WaitForAll"/>, the store also checks that every one of <see cref="Upstreams"/> has ended
/// with the outcome since the downstream's last run.
/// </summary>
public sealed record ChainFollow(string TaskId, string Revision, string Instance, bool WaitForAll, IReadOnlyList<ChainUpstream> Upstreams);

/// <summary>
/// One upstream task of a chain waiting for all, and which of its ends count: a status in <see cref="Statuses"/>
/// (<c>succeeded</c>, <c>cancelled</c>), or <c>failed</c>/<c>timed-out</c> at attempt <see cref="FailureFromAttempt"/> or
/// later (its last attempt: no retry follows); 0 when failures do not count.
/// </summary>
public sealed record ChainUpstream(string TaskId, IReadOnlyList<string> Statuses, int FailureFromAttempt);

/// <summary>
/// A chained run queued with an upstream's end (or found queued at start-up): its row, and the upstream run that
/// caused it (the last to end, for a chain waiting for all), whose id, task, status and exit code the run sees.
/// </summary>
public sealed record ChainedRun(long RunId, string TaskId, DateTimeOffset SlotUtc, string UpstreamRunIds, long CauseRunId, string CauseTaskId, string CauseStatus, int? CauseExitCode);
