using System.Globalization;
using Scheduler.Definitions.Model;

namespace Scheduler.Web.Pictures;

/// <summary>
/// Lays out every chain for <c>/graph</c>: a task's column is its depth (the longest way back to a task with slots of
/// its own), folders are clusters stacked from top to bottom, and each task sits in its folder's row at its column.
/// Linear in the tasks and links; only tasks in a chain are drawn.
/// </summary>
internal static class ChainGraph
{
    private const int Column = ChainGraphView.NodeWidth + 60;
    private const int Row = ChainGraphView.NodeHeight + 16;
    private const int Pad = 16;
    private const int ClusterTitle = 22;

    /// <summary><paramref name="tasks"/>: each task with its chain (null for a task with slots), link and last status.</summary>
    public static ChainGraphView Build(IReadOnlyList<(string Id, ChainDefinition? Chain, string Url, string Status)> tasks)
    {
        var byId = tasks.ToDictionary(t => t.Id, StringComparer.Ordinal);
        var inChain = new HashSet<string>(StringComparer.Ordinal);
        foreach (var task in tasks.Where(t => t.Chain is not null))
        {
            inChain.Add(task.Id);
            inChain.UnionWith(task.Chain!.Upstreams.Where(byId.ContainsKey));
        }

        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in inChain)
        {
            Depth(id, byId, depth, 0);
        }

        var nodes = new List<ChainNode>();
        var clusters = new List<ChainCluster>();
        var y = Pad;
        var width = Pad;
        foreach (var folder in inChain.GroupBy(Folder).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var columns = folder.GroupBy(id => depth[id]).ToDictionary(g => g.Key, g => g.Order(StringComparer.Ordinal).ToList());
            var rows = columns.Values.Max(c => c.Count);
            var top = y + ClusterTitle;
            foreach (var (column, ids) in columns.OrderBy(c => c.Key))
            {
                for (var i = 0; i < ids.Count; i++)
                {
                    var task = byId[ids[i]];
                    nodes.Add(new ChainNode(task.Id, Name(task.Id), task.Url, task.Status, Pad * 2 + column * Column, top + i * Row));
                }
            }

            var right = Pad * 2 + (columns.Keys.Max() + 1) * Column - 60 + Pad;
            var height = ClusterTitle + rows * Row;
            clusters.Add(new ChainCluster(folder.Key.Length == 0 ? "(top level)" : folder.Key + "/", Pad, y, right - Pad, height));
            width = Math.Max(width, right + Pad);
            y += height + Pad;
        }

        var at = nodes.ToDictionary(n => n.TaskId, StringComparer.Ordinal);
        var edges = new List<ChainEdge>();
        foreach (var task in tasks.Where(t => t.Chain is not null))
        {
            foreach (var upstream in task.Chain!.Upstreams.Where(at.ContainsKey))
            {
                edges.Add(new ChainEdge(upstream, task.Id, PathBetween(at[upstream], at[task.Id]),
                    $"{task.Id} runs after {upstream} on {ChainDefinition.Name(task.Chain.On)}"));
            }
        }

        return new ChainGraphView(clusters, nodes, edges, width, y);
    }

    private static int Depth(string id, Dictionary<string, (string Id, ChainDefinition? Chain, string Url, string Status)> byId, Dictionary<string, int> depth, int guard)
    {
        if (depth.TryGetValue(id, out var known))
        {
            return known;
        }

        // A cycle is refused by validation; the guard only keeps a stored leftover from recursing forever.
        var chain = byId.TryGetValue(id, out var task) ? task.Chain : null;
        var value = chain is null || guard > 50
            ? 0
            : 1 + chain.Upstreams.Where(byId.ContainsKey).Select(u => Depth(u, byId, depth, guard + 1)).DefaultIfEmpty(-1).Max();
        depth[id] = value;
        return value;
    }

    private static string PathBetween(ChainNode from, ChainNode to)
    {
        var (x1, y1) = (from.X + ChainGraphView.NodeWidth, from.Y + ChainGraphView.NodeHeight / 2);
        var (x2, y2) = (to.X, to.Y + ChainGraphView.NodeHeight / 2);
        var bend = Math.Max(30, (x2 - x1) / 2);
        return string.Create(CultureInfo.InvariantCulture, $"M{x1},{y1} C{x1 + bend},{y1} {x2 - bend},{y2} {x2 - 6},{y2}");
    }

    private static string Folder(string id) => id.LastIndexOf('/') is var slash and >= 0 ? id[..slash] : "";

    private static string Name(string id) => id.LastIndexOf('/') is var slash and >= 0 ? id[(slash + 1)..] : id;
}
