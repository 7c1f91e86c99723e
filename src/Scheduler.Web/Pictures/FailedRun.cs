using Scheduler.Definitions.Runs;

namespace Scheduler.Web.Pictures;

/// <summary>A run that failed, timed out or was interrupted, with what it said.</summary>
internal sealed record FailedRun(long Id, string TaskId, RunStatus Status, DateTimeOffset SlotUtc, DateTimeOffset? StartedAt, int? ExitCode, string? Error, string OutputTail);
