namespace Scheduler.Web.Pictures;

/// <summary>One task's latest failures.</summary>
public sealed record FailureGroup(string TaskId, string TaskUrl, IReadOnlyList<FailureLine> Runs);
