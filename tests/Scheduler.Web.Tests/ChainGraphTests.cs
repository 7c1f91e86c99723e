using Scheduler.Definitions.Diagnostics;
using Scheduler.Definitions.Model;
using Scheduler.Web.Pictures;

namespace Scheduler.Web.Tests;

/// <summary>/graph: every chain drawn on the server, folders as clusters, each box a link to its task.</summary>
public sealed class ChainGraphTests
{
    [Fact]
    public async Task A_run_now_of_an_upstream_starts_its_chain_and_the_graph_links_every_task_with_its_last_status()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string>
        {
            ["etl/extract"] = TaskFiles.Manual(),
            ["etl/load"] = "schedule: { after: etl/extract }\nshell: \"true\"\n",
            ["reports/daily"] = "schedule: { after: etl/load, on: finished }\nshell: \"true\"\n",
            ["hello"] = TaskFiles.Manual(),
        }, apiToken: "t");
        var run = await Actions.RunNowByApiAsync(server, "etl/extract", "t");
        await Actions.WaitForStatusAsync(server, run, "succeeded");

        var html = "";
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!html.Contains("aria-label=\"reports/daily, last run succeeded\"", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            html = await server.GetTextAsync("/graph");
        }

        Assert.Contains("<a href=\"/tasks/etl/load\" aria-label=\"etl/load, last run succeeded\" data-testid=\"node-etl/load\">", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"reports/daily, last run succeeded\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"edge-etl/extract-etl/load\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"edge-etl/load-reports/daily\"", html, StringComparison.Ordinal);
        Assert.Contains(">etl/</text>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("node-hello", html, StringComparison.Ordinal);

        // The task page lists both ways of the chain, each with its last run.
        var load = await server.GetTextAsync("/tasks/etl/load");
        Assert.Contains("Runs after etl/extract (on success).", load, StringComparison.Ordinal);
        Assert.Matches("data-testid=\"upstreams\"><li><a href=\"/tasks/etl/extract\">etl/extract</a> <span class=\"muted\">last run <a href=\"/runs/\\d+\" class=\"status status-succeeded\">succeeded</a>", load);
        Assert.Contains("data-testid=\"downstreams\"><li><a href=\"/tasks/reports/daily\">reports/daily</a>", load, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"chain\"", await server.GetTextAsync("/tasks/hello"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_tasks_column_is_its_depth_in_the_chain_and_folders_are_stacked_clusters()
    {
        var after = (string upstream) => new ChainDefinition([upstream], ChainOutcome.Success, ChainWaitFor.Any, SourcePosition.FileStart);
        var graph = ChainGraph.Build(
        [
            ("a/one", null, "/tasks/a/one", "succeeded"),
            ("a/two", after("a/one"), "/tasks/a/two", "none"),
            ("b/three", after("a/two"), "/tasks/b/three", "failed"),
            ("lonely", null, "/tasks/lonely", "none"),
        ]);

        Assert.Equal([("a/one", 32, 38), ("a/two", 312, 38), ("b/three", 592, 128)], graph.Nodes.Select(n => (n.TaskId, n.X, n.Y)));
        Assert.Equal(["a/", "b/"], graph.Clusters.Select(c => c.Folder));
        Assert.Equal(["a/one>a/two", "a/two>b/three"], graph.Edges.Select(e => $"{e.From}>{e.To}"));
    }
}
