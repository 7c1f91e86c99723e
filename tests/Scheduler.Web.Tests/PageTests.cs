using System.Text.RegularExpressions;

namespace Scheduler.Web.Tests;

/// <summary>The pages read without script (links and forms), carry stable test ids, and show times in the task's zone and UTC.</summary>
public sealed partial class PageTests
{
    [Fact]
    public async Task The_overview_lists_every_task_with_links_and_run_now_forms_that_work_without_script()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["jobs/hello"] = TaskFiles.Manual(), ["berlin"] = TaskFiles.Berlin });

        var html = await server.GetTextAsync("/");

        Assert.Contains("<tbody id=\"folder-jobs-rows\" hx-swap=\"outerHTML\">", html, StringComparison.Ordinal); // how its streamed rows are swapped
        Assert.Contains("<tr id=\"task-jobs/hello\" data-testid=\"task-row-jobs/hello\" class=\"state-ok\" sse-swap=\"task:jobs/hello\">", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/tasks/jobs/hello\" data-testid=\"task-link-jobs/hello\">jobs/hello</a>", html, StringComparison.Ordinal);
        Assert.Matches(RunNowForm(), html); // one form for the page, one token
        Assert.Contains("<button type=\"submit\" form=\"run-now\" name=\"task\" value=\"jobs/hello\" data-testid=\"run-now-jobs/hello\">Run now</button>", html, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(html, "name=\"__antiforgery\"")); // run now's and the pause panel's forms; none per row
        Assert.Contains("data-testid=\"task-row-system/vacuum\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"run-now-system/vacuum\"", html, StringComparison.Ordinal); // system rows are read-only
        Assert.Contains("<script src=\"/static/lib/htmx.min.js\" defer></script>", html, StringComparison.Ordinal);
        Assert.Contains("<section id=\"overview-live\" hx-ext=\"sse\" sse-connect=\"/events?page=overview&amp;v=", html, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/static/lib/sse.min.js\" defer></script>", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"config-error-count\">0</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_htmx_request_of_the_overview_gets_only_its_live_part()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["hello"] = TaskFiles.Manual() });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative));
        request.Headers.Add("HX-Request", "true");

        using var response = await server.Client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.StartsWith("<section id=\"overview-live\" hx-ext=\"sse\"", html, StringComparison.Ordinal);
        Assert.Matches("<tbody id=\"folder--top-rows\" hx-swap=\"outerHTML\">\\s*<tr id=\"task-hello\" data-testid=\"task-row-hello\" class=\"state-ok\" sse-swap=\"task:hello\">", html);
        Assert.DoesNotContain("<html", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_task_page_shows_the_next_slots_in_the_task_zone_and_UTC_with_the_DST_gap_noted()
    {
        await using var server = await WebServer.StartAsync(
            new Dictionary<string, string> { ["berlin"] = TaskFiles.Berlin }, clockStart: new DateTimeOffset(2027, 3, 20, 12, 0, 0, TimeSpan.Zero));

        var html = await server.GetTextAsync("/tasks/berlin");

        Assert.Contains("<tr><td>Sat 2027-03-27 02:30:00 +01:00</td><td>2027-03-27T01:30:00Z</td><td></td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>Sun 2027-03-28 03:00:00 +02:00</td><td>2027-03-28T01:00:00Z</td><td><span class=\"status status-skipped\">DST</span> moved: its local time does not exist on this day (DST gap)</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"2027-03-21T01:30:00Z\">Sun 2027-03-21 02:30:00 +01:00</time> <span class=\"muted\">in 13 h · 2027-03-21T01:30:00Z</span>", html, StringComparison.Ordinal);
        Assert.Contains("<pre class=\"definition\" data-testid=\"definition\">description: half past two in Berlin", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"runs-table\"", html, StringComparison.Ordinal);
        Assert.Contains("<span data-testid=\"schedule-words\">At 02:30 every day, Europe/Berlin</span> <code>daily 02:30 (Europe/Berlin)</code>", html, StringComparison.Ordinal);
        var overview = await server.GetTextAsync("/");
        Assert.Contains("data-testid=\"clock\"", overview, StringComparison.Ordinal);
        Assert.Contains("<span data-testid=\"schedule-words-berlin\">At 02:30 every day, Europe/Berlin</span>", overview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_run_page_shows_every_field_and_the_output_and_stops_refreshing_once_the_run_ended()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["hello"] = TaskFiles.Manual("line one") }, apiToken: "t");
        var runId = await Actions.RunNowByApiAsync(server, "hello", "t");
        await Actions.WaitForStatusAsync(server, runId, "succeeded");

        var html = await server.GetTextAsync($"/runs/{runId}");

        foreach (var label in (string[])["Status", "Task", "Trigger", "Slot", "Attempt", "Started", "Finished", "Duration", "Exit code", "Error", "Revision", "Instance", "Output"])
        {
            Assert.Contains($"<dt>{label}</dt>", html, StringComparison.Ordinal);
        }

        Assert.Contains("<span class=\"status status-succeeded\" data-testid=\"run-status\">succeeded</span>", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"run-output\">line one\n</pre>", html, StringComparison.Ordinal);
        Assert.Contains("<section id=\"run-live\">", html, StringComparison.Ordinal); // no hx-trigger: it ended
        Assert.Matches($"<a href=\"/runs/{runId}\" aria-label=\"#{runId} succeeded [^\"]+\"><rect class=\"bar status-succeeded\"", await server.GetTextAsync("/tasks/hello"));
    }

    [Fact]
    public async Task Unknown_pages_are_404_pages_with_a_way_back()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["hello"] = TaskFiles.Manual() });

        using var task = await server.Client.GetAsync(new Uri("/tasks/no/such", UriKind.Relative));
        using var run = await server.Client.GetAsync(new Uri("/runs/77", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, task.StatusCode);
        Assert.Contains("There is no task &#39;no/such&#39;", await task.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, run.StatusCode);
    }

    [GeneratedRegex("""<form id="run-now" method="post" action="/actions/run-now" hx-post="/actions/run-now" hx-target="#notice" hx-swap="innerHTML"><input type="hidden" name="__antiforgery" value="[^"]+" /></form>""")]
    private static partial Regex RunNowForm();
}
