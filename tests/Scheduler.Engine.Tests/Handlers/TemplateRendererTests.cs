using Scheduler.Definitions.Model;
using Scheduler.Definitions.Runs;
using Scheduler.Engine.Handlers;

namespace Scheduler.Engine.Tests.Handlers;

public sealed class TemplateRendererTests
{
    private static readonly RunContext Run = HandlerRuns.Context(HandlerRuns.Task(new ShellHandler("true")), attempt: 3, trigger: RunTrigger.CatchUp, runId: 77);

    [Theory]
    [InlineData("{{ task.id }}", "backups/nightly-db")]
    [InlineData("{{ run.id }}-{{ run.attempt }}", "77-3")]
    [InlineData("{{ run.slot }}", "2026-10-25T00:30:00Z")]
    [InlineData("{{ run.trigger }}", "catch-up")]
    [InlineData("{{ task.id | string.replace '/' '-' }}.db", "backups-nightly-db.db")]
    [InlineData("{{ \"{{\" }}", "{{")]
    public void A_template_renders_over_the_run(string template, string expected) =>
        Assert.Equal(expected, TemplateRenderer.Render(template, Run));

    [Fact]
    public void Text_without_braces_comes_back_as_it_is()
    {
        var text = "plain $HOME } {";

        Assert.Same(text, TemplateRenderer.Render(text, Run));
    }

    [Fact]
    public void An_unknown_variable_is_an_error_not_empty_text()
    {
        Assert.False(TemplateRenderer.TryRender("x{{ slot }}", Run, out _, out var error));
        Assert.StartsWith("the template 'x{{ slot }}' failed to render:", error, StringComparison.Ordinal);
    }
}
