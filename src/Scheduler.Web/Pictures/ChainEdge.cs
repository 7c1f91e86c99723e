namespace Scheduler.Web.Pictures;

/// <summary>An arrow from an upstream task to the task that runs after it, as an SVG path, with what it waits for.</summary>
public sealed record ChainEdge(string From, string To, string Path, string Label);
