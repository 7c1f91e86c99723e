namespace Scheduler.Web.Pictures;

/// <summary>The model of <c>/graph</c>: every chain as boxes and arrows, folders as clusters, laid out on the server.</summary>
public sealed record ChainGraphView(
    IReadOnlyList<ChainCluster> Clusters, IReadOnlyList<ChainNode> Nodes, IReadOnlyList<ChainEdge> Edges, int Width, int Height)
{
    public const int NodeWidth = 220;
    public const int NodeHeight = 36;
}
