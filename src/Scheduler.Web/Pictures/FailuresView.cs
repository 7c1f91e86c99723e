namespace Scheduler.Web.Pictures;

/// <summary>The model of <c>/failures</c>: the latest runs that did not succeed, grouped by task, newest group first.</summary>
public sealed record FailuresView(IReadOnlyList<FailureGroup> Groups, int Count, int Limit);
