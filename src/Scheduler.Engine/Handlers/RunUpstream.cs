namespace Scheduler.Engine.Handlers;

/// <summary>
/// The upstream run that started a chained run (for a chain waiting for all, the one whose end completed the set):
/// what the run sees as <c>SCHEDULER_UPSTREAM_*</c> and <c>{{ upstream.* }}</c>.
/// </summary>
public sealed record RunUpstream(string TaskId, long RunId, string Status, int? ExitCode);
