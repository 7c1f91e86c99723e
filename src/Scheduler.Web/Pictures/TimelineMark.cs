namespace Scheduler.Web.Pictures;

/// <summary>A mark at one instant: <see cref="Kind"/> is <c>skipped</c>, <c>missed</c>, <c>upcoming</c> or <c>hour</c>.</summary>
public sealed record TimelineMark(string Kind, string X, string Label);
