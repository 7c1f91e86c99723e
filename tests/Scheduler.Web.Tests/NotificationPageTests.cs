using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace Scheduler.Web.Tests;

/// <summary>
/// End to end through serve's own composition: the repository's failing example task, in each payload format,
/// notifies a local listener; the task page lists what was sent and /metrics counts it.
/// </summary>
public sealed class NotificationPageTests
{
    private const string Token = "notify-test-token";

    private static readonly string[] Formats = ["slack", "teams", "discord", "generic", "template"];

    [Fact]
    public async Task The_failing_example_notifies_a_local_listener_in_each_format_and_the_page_shows_it()
    {
        await using var catcher = await HookCatcher.StartAsync();
        // The example names OPS_WEBHOOK_URL; serve reads it from its environment, as in production.
        Environment.SetEnvironmentVariable("OPS_WEBHOOK_URL", catcher.Url);
        var example = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "schedules", "examples", "failing-with-notify.yaml"));
        var tasks = Formats.ToDictionary(format => $"examples/{format}", format => example.Replace(
            "format: slack", format == "template" ? "template: '{\"text\": \"{{ task.id }} {{ event }} exit {{ run.exitCode }}\"}'" : $"format: {format}", StringComparison.Ordinal));
        await using var server = await WebServer.StartAsync(tasks, apiToken: Token);

        foreach (var id in tasks.Keys)
        {
            var runId = await Actions.RunNowByApiAsync(server, id, Token);
            await Actions.WaitForStatusAsync(server, runId, "failed");
        }

        await Eventually.HoldsAsync(() => Task.FromResult(catcher.Bodies.Count == tasks.Count), "every format was not delivered");
        var bodies = catcher.Bodies.Select(b => JsonNode.Parse(b)!).ToList();
        Assert.Contains(bodies, b => b["text"]?.GetValue<string>().StartsWith("*examples/slack failed*", StringComparison.Ordinal) == true);
        Assert.Contains(bodies, b => b["attachments"]?[0]?["content"]?["type"]?.GetValue<string>() == "AdaptiveCard");
        Assert.Contains(bodies, b => b["content"]?.GetValue<string>().StartsWith("**examples/discord failed**", StringComparison.Ordinal) == true);
        Assert.Contains(bodies, b => b["event"]?.GetValue<string>() == "failure" && b["run"]?["exitCode"]?.GetValue<int>() == 3);
        Assert.Contains(bodies, b => b["text"]?.GetValue<string>() == "examples/template failure exit 3");

        await Eventually.HoldsAsync(
            async () => (await server.GetTextAsync("/tasks/examples/generic")).Contains(">sent</span>", StringComparison.Ordinal),
            "the task page did not show the notification as sent");
        var page = await server.GetTextAsync("/tasks/examples/generic");
        Assert.Contains("data-testid=\"notifications-table\"", page, StringComparison.Ordinal);
        Assert.Contains("<td>failure</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>OPS_WEBHOOK_URL (generic)</td>", page, StringComparison.Ordinal);
        Assert.DoesNotContain(catcher.Url, page, StringComparison.Ordinal);
        var metrics = await server.GetTextAsync("/metrics");
        Assert.Contains("scheduler_notifications_total{status=\"sent\"} 5", metrics, StringComparison.Ordinal);
        Assert.Contains("scheduler_notifications_total{status=\"dropped\"} 0", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_refuses_to_start_with_defaults_that_break_the_notify_rules()
    {
        var root = Directory.CreateTempSubdirectory("scheduler-notify-settings-").FullName;
        Directory.CreateDirectory(Path.Combine(root, "schedules"));
        var overrides = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Scheduler:Notify:On:0"] = "crash",
            ["Scheduler:Notify:Webhook:UrlFromEnv"] = "OPS_WEBHOOK_URL",
            ["Scheduler:Notify:Webhook:Format"] = "slack",
        }).Build();
        var options = new Serving.ServeOptions(Path.Combine(root, "schedules"), Path.Combine(root, "data"), "http://127.0.0.1:0", "settings-test", null, 1.0);

        var error = await Assert.ThrowsAsync<Cli.CommandFailedException>(() => Serving.ServeHost.BuildAsync(options, root, overrides, CancellationToken.None));

        Assert.StartsWith("Scheduler:Notify: notify.on[0]: 'crash' is not one of failure, timeout, recovery, missed, streak, suspended.", error.Message, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Scheduler.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Scheduler.sln not found above the test binaries.");
    }
}
