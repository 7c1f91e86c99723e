using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Scheduler.Web.Components;
using Scheduler.Web.Rendering;
using Scheduler.Web.Views;

namespace Scheduler.Web.Tests;

/// <summary>Everything a template prints is escaped by default: hostile task text shows as text, never as markup.</summary>
public sealed class EscapingTests
{
    private const string EscapedScript = "&lt;script&gt;alert(1)&lt;/script&gt;";
    private const string EscapedDiv = "&lt;div hx-get=&quot;/x&quot;&gt;";

    [Fact]
    public async Task A_hostile_description_and_output_render_escaped_on_every_page()
    {
        await using var server = await WebServer.StartAsync(
            new Dictionary<string, string> { ["evil"] = TaskFiles.Manual(TaskFiles.Hostile, TaskFiles.Hostile) }, apiToken: "t");
        var runId = await Actions.RunNowByApiAsync(server, "evil", "t");
        await Actions.WaitForStatusAsync(server, runId, "succeeded");

        foreach (var page in (string[])["/", "/tasks/evil", $"/runs/{runId}"])
        {
            var html = await server.GetTextAsync(page);
            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
            Assert.DoesNotContain("hx-get=\"/x\"", html, StringComparison.Ordinal);
            Assert.Contains(EscapedScript, html, StringComparison.Ordinal);
            Assert.Contains(EscapedDiv, html, StringComparison.Ordinal);
        }

        var run = await server.GetTextAsync($"/runs/{runId}");
        Assert.Contains($"data-testid=\"run-output\">{EscapedScript} {EscapedDiv}\n</pre>", run, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_renderer_escapes_every_expression_in_text_and_attributes_and_keeps_text_outside_ASCII_readable()
    {
        await using var services = new ServiceCollection().BuildServiceProvider();
        var renderer = new ComponentRenderer(services, NullLoggerFactory.Instance);

        var html = await renderer.RenderAsync<NoticeLine>(ModelParameters.Of(new Notice("ok\" onclick=\"x", "<b>bold</b> · ×2 für", "/runs/1", "<i>raw</i>")));

        Assert.Equal(
            "<p class=\"notice notice-ok&quot; onclick=&quot;x\" data-testid=\"notice\"><strong>Not done:</strong> &lt;b&gt;bold&lt;/b&gt; · ×2 für <a href=\"/runs/1\">&lt;i&gt;raw&lt;/i&gt;</a></p>",
            html);
    }
}
