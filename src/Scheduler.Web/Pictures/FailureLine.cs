namespace Scheduler.Web.Pictures;

/// <summary>One failed run: status, when, and the first line of what went wrong.</summary>
public sealed record FailureLine(long Id, string Url, string Status, string When, string WhenUtc, string FirstLine, string? Detail);
