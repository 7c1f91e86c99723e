using System.Net;

namespace Scheduler.Web.Tests;

/// <summary>The page's forms: antiforgery, origin, post-redirect, refusals shown with their reason, the audit on the task page.</summary>
public sealed class PageActionTests
{
    [Fact]
    public async Task A_page_post_without_the_antiforgery_token_is_400_and_starts_nothing()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["hello"] = TaskFiles.Manual() });
        _ = await server.FormTokenAsync(); // the cookie alone is not enough

        using var response = await Actions.PostFormAsync(server, "/actions/run-now", [new("task", "hello")]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("antiforgery token", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await server.Runs.ListRunsAsync("hello", 10, null, default));
    }

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("null")]
    public async Task A_page_post_from_a_foreign_origin_is_refused_even_with_a_valid_token(string origin)
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["hello"] = TaskFiles.Manual() });
        var token = await server.FormTokenAsync();

        using var response = await Actions.PostFormAsync(server, "/actions/run-now", [token, new("task", "hello")], origin);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await server.Runs.ListRunsAsync("hello", 10, null, default));
    }

    [Fact]
    public async Task Run_now_from_the_page_redirects_to_the_new_run_and_is_audited_on_the_task_page()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["hello"] = TaskFiles.Manual() });
        var token = await server.FormTokenAsync();

        using var response = await Actions.PostFormAsync(server, "/actions/run-now", [token, new("task", "hello")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var run = Assert.Single(await server.Runs.ListRunsAsync("hello", 10, null, default));
        Assert.Equal($"/runs/{run.Id}", response.Headers.Location?.OriginalString);
        var page = await server.GetTextAsync("/tasks/hello");
        Assert.Contains("<td>run-now <a href=\"/runs/", page, StringComparison.Ordinal);
        Assert.Contains("<td>127.0.0.1 via page</td><td>started</td>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_run_now_is_409_and_the_page_says_why()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["slow"] = TaskFiles.Slow });
        var token = await server.FormTokenAsync("/tasks/slow");
        using var first = await Actions.PostFormAsync(server, "/actions/run-now", [token, new("task", "slow")]);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        using var plain = await Actions.PostFormAsync(server, "/actions/run-now", [token, new("task", "slow")]);
        using var htmx = await Actions.PostFormAsync(server, "/actions/run-now", [token, new("task", "slow")], htmx: true);

        Assert.Equal(HttpStatusCode.Conflict, plain.StatusCode);
        var page = await plain.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"notice\"", page, StringComparison.Ordinal);
        Assert.Contains("did not start: run #", page, StringComparison.Ordinal);
        Assert.Contains("is still running (overlap: forbid)", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"runs-table\"", page, StringComparison.Ordinal); // the task page, with the notice on top
        Assert.Equal(HttpStatusCode.Conflict, htmx.StatusCode);
        Assert.StartsWith("<p class=\"notice notice-refused\"", await htmx.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_from_the_page_stops_the_run_which_is_recorded_cancelled()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["slow"] = TaskFiles.Slow });
        var token = await server.FormTokenAsync("/tasks/slow");
        using var started = await Actions.PostFormAsync(server, "/actions/run-now", [token, new("task", "slow")]);
        var runId = Assert.Single(await server.Runs.ListRunsAsync("slow", 10, null, default)).Id;
        var runPage = await server.GetTextAsync($"/runs/{runId}");
        Assert.Contains($"<input type=\"hidden\" name=\"run\" value=\"{runId}\" /><button type=\"submit\" data-testid=\"cancel\">Cancel</button>", runPage, StringComparison.Ordinal);

        using var cancel = await Actions.PostFormAsync(server, "/actions/cancel", [token, new("run", runId.ToString(System.Globalization.CultureInfo.InvariantCulture))]);

        Assert.Equal(HttpStatusCode.Redirect, cancel.StatusCode);
        await Actions.WaitForStatusAsync(server, runId, "cancelled");
        var audit = await server.Runs.ListAuditAsync("slow", 10, null, default);
        Assert.Contains(audit, a => a is { Action: "cancel", Result: "stopping", Actor: "127.0.0.1 via page" } && a.RunId == runId);
    }
}
