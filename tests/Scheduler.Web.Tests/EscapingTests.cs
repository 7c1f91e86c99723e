using Scheduler.Web.Rendering;

namespace Scheduler.Web.Tests;

/// <summary>Everything a template prints is escaped by default: hostile task text shows as text, never as markup.</summary>
public sealed class EscapingTests
{
    private const string EscapedScript = "&lt;script&gt;alert(1)&lt;/script&gt;";
    private const string EscapedDiv = "&lt;div hx-get=&quot;/x&quot;&gt;";

    [Fact]
    public void A_page_loops_over_more_rows_and_writes_more_text_than_Scriban_allows_by_default()
    {
        // Scriban stops a loop after 1,000 iterations and cuts the output at 1 MiB unless told otherwise: an
        // overview of 1,000 tasks plus the system tasks once answered 500, and before that was cut short.
        var template = Scriban.Template.Parse("{{ for row in rows }}<{{ row }}>{{ end }}");
        var rows = Enumerable.Range(0, 1500).Select(i => $"{i:D4}" + new string('x', 996)).ToArray();

        var html = template.Render(WithRows(rows));

        Assert.Equal(1500 * 1002, html.Length);
        Assert.EndsWith($"<1499{new string('x', 996)}>", html, StringComparison.Ordinal);
    }

    private static HtmlTemplateContext WithRows(string[] rows)
    {
        var globals = new Scriban.Runtime.ScriptObject { ["rows"] = rows };
        var context = new HtmlTemplateContext();
        context.PushGlobal(globals);
        return context;
    }

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
        Assert.Contains($"<pre class=\"output\" id=\"output\" data-testid=\"run-output\">{EscapedScript} {EscapedDiv}\n</pre>", run, StringComparison.Ordinal);
    }

    [Fact]
    public void The_renderer_escapes_every_expression_and_writes_only_SafeHtml_raw()
    {
        var renderer = new PageRenderer();

        var html = renderer.Render("notice", new { Kind = "ok\" onclick=\"x", Text = "<b>bold</b>", LinkUrl = "/runs/1", LinkText = new SafeHtml("<i>raw</i>") }).Html;

        Assert.Equal(
            "<p class=\"notice notice-ok&quot; onclick=&quot;x\" data-testid=\"notice\"><strong>Not done:</strong> &lt;b&gt;bold&lt;/b&gt; <a href=\"/runs/1\"><i>raw</i></a></p>\n",
            html);
    }
}
