namespace Scheduler.Web.Pictures;

/// <summary>A task in the chain graph: its box, its link and the status of its last run (for the colour).</summary>
public sealed record ChainNode(string TaskId, string Label, string Url, string Status, int X, int Y);
