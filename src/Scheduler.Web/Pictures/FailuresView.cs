namespace Scheduler.Web.Pictures;

/// <summary>The model of <c>/failures</c>: the latest runs that did not succeed, grouped by task, newest group first.</summary>
public sealed record FailuresView(IReadOnlyList<FailureGroup> Groups, int Count, int Limit);

/// <summary>One task's latest failures.</summary>
public sealed record FailureGroup(string TaskId, string TaskUrl, IReadOnlyList<FailureLine> Runs);

/// <summary>One failed run: status, when, and the first line of what went wrong.</summary>
public sealed record FailureLine(long Id, string Url, string Status, string When, string WhenUtc, string FirstLine, string? Detail);
