using Scheduler.Definitions.Runs;

namespace Scheduler.Web.Pictures;

/// <summary>The fields of a run that the pictures of time need, read without its output.</summary>
internal sealed record RunBrief(long Id, string TaskId, RunStatus Status, RunTrigger Trigger, DateTimeOffset SlotUtc, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt);
