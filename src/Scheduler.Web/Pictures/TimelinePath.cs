namespace Scheduler.Web.Pictures;

/// <summary>
/// All the marks of one <see cref="Kind"/> on a task's strip as one SVG path (<c>upcoming</c> ticks, <c>missed</c>
/// crosses, <c>skipped</c> triangles): a task that runs every few minutes has a hundred of them, and one element
/// with one <see cref="Label"/> ("24 upcoming slots, the next at …") reads as well as a hundred.
/// </summary>
public sealed record TimelinePath(string Kind, string D, int Count, string Label);
