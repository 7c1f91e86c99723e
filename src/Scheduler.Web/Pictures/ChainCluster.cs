namespace Scheduler.Web.Pictures;

/// <summary>A folder of the chain graph, drawn as a box around its tasks.</summary>
public sealed record ChainCluster(string Folder, int X, int Y, int Width, int Height);
