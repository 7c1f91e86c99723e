using System.Net;
using System.Text.Json;

namespace Scheduler.Web.Tests;

/// <summary>/metrics, /openapi/v1.json, the static files and the security defaults.</summary>
public sealed class EndpointTests
{
    [Fact]
    public async Task Metrics_expose_every_family_and_count_a_finished_run()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["hello"] = TaskFiles.Manual() }, apiToken: "t");
        var runId = await Actions.RunNowByApiAsync(server, "hello", "t");
        await Actions.WaitForStatusAsync(server, runId, "succeeded");

        var metrics = await server.GetTextAsync("/metrics");

        foreach (var family in (string[])[
            "scheduler_runs_total counter", "scheduler_runs_running gauge", "scheduler_run_duration_seconds histogram",
            "scheduler_run_start_lateness_seconds histogram", "scheduler_slots_skipped_total counter", "scheduler_slots_missed_total counter",
            "scheduler_task_failure_streak gauge", "scheduler_tasks gauge", "scheduler_config_errors gauge",
            "scheduler_definition_revision_info gauge", "scheduler_definition_apply_problem gauge"])
        {
            Assert.Contains($"# TYPE {family}", metrics, StringComparison.Ordinal);
        }

        Assert.Contains("scheduler_runs_total{task=\"hello\",status=\"succeeded\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("scheduler_run_duration_seconds_count{task=\"hello\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("scheduler_task_failure_streak{task=\"hello\"} 0", metrics, StringComparison.Ordinal);
        Assert.Contains("scheduler_config_errors{severity=\"error\"} 0", metrics, StringComparison.Ordinal);
        Assert.Contains("scheduler_definition_revision_info{applied=\"sha256:", metrics, StringComparison.Ordinal);
        Assert.Contains("scheduler_runs_total{task=\"hello\",status=\"succeeded\"} 1", await server.GetTextAsync("/metrics"), StringComparison.Ordinal); // counted once
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["hello"] = TaskFiles.Manual() });

        var document = await server.GetJsonAsync("/openapi/v1.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/tasks", paths);
        Assert.Contains("/api/status", paths);
        Assert.Contains("/api/runs/{id}", paths);
        Assert.DoesNotContain("/", paths);
    }

    [Fact]
    public async Task Every_response_forbids_inline_script_and_foreign_hosts_are_refused()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["hello"] = TaskFiles.Manual() });

        using var page = await server.Client.GetAsync(new Uri("/", UriKind.Relative));
        using var htmx = await server.Client.GetAsync(new Uri("/static/lib/htmx.min.js", UriKind.Relative));
        using var css = await server.Client.GetAsync(new Uri("/static/app.css", UriKind.Relative));
        using var foreign = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative));
        foreign.Headers.Host = "evil.example";
        using var refused = await server.Client.SendAsync(foreign);

        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(HttpStatusCode.OK, htmx.StatusCode);
        Assert.Contains("htmx", await htmx.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.DoesNotContain("<script>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal); // no inline script anywhere
    }

    [Fact]
    public async Task Api_json_uses_camel_case_and_utc_instants()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["hello"] = TaskFiles.Manual() });

        var status = await server.GetJsonAsync("/api/status");

        Assert.EndsWith("Z", status.GetProperty("startedAt").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Object, status.GetProperty("clock").ValueKind);
        Assert.False(status.GetProperty("clock").GetProperty("virtual").GetBoolean());
    }
}
