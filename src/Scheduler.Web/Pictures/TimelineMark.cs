namespace Scheduler.Web.Pictures;

/// <summary>An hour along the top of the timeline: its position and its label.</summary>
public sealed record TimelineMark(string Kind, string X, string Label);
