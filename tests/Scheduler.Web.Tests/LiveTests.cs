namespace Scheduler.Web.Tests;

/// <summary>/events: one server-sent event stream per page, sending only the parts that changed, and a run's output as it is written.</summary>
public sealed class LiveTests
{
    private const string Talkative = """
        description: prints, waits, prints
        schedule:
          manual: true
        shell: "echo first line; sleep 1.5; echo second line; sleep 1"
        """;

    [Fact]
    public async Task The_run_stream_sends_the_output_as_it_grows_and_the_fields_when_the_run_ends()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["talk"] = Talkative }, apiToken: "t");
        var runId = await Actions.RunNowByApiAsync(server, "talk", "t");
        await using var events = await EventReader.OpenAsync(server, $"/events?page=run&id={runId}");

        var appended = await events.WaitForAsync(e => e.Name == "output-append" && e.Data.Contains("second line", StringComparison.Ordinal));
        var ended = await events.WaitForAsync(e => e.Name == "fields" && e.Data.Contains("data-testid=\"run-status\">succeeded<", StringComparison.Ordinal));

        Assert.DoesNotContain("first line", appended.Data, StringComparison.Ordinal); // only what was added
        Assert.Contains(events.Seen, e => e.Name is "output" or "output-append" && e.Data.Contains("first line", StringComparison.Ordinal));
        Assert.Contains("Cancel", events.Seen.First(e => e.Name == "fields").Data, StringComparison.Ordinal);
        Assert.DoesNotContain("Cancel", ended.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_overview_stream_sends_only_the_row_that_changed_when_a_run_starts_and_ends()
    {
        await using var server = await WebServer.StartAsync(
            new Dictionary<string, string> { ["talk"] = Talkative, ["quiet"] = TaskFiles.Manual(), ["other/quiet"] = TaskFiles.Manual() }, apiToken: "t");
        await using var events = await EventReader.OpenAsync(server, "/events?page=overview");
        await events.WaitForAsync(e => e.Name == "task:quiet"); // a stream without the page's stamp sends everything once
        var before = events.Seen.Count;

        await Actions.RunNowByApiAsync(server, "talk", "t");
        await events.WaitForAsync(e => e.Name == "task:talk" && e.Data.Contains(">running<", StringComparison.Ordinal));
        await events.WaitForAsync(e => e.Name == "task:talk" && e.Data.Contains(">succeeded<", StringComparison.Ordinal));

        var after = events.Seen.Skip(before).Select(e => e.Name).ToList();
        Assert.DoesNotContain("task:quiet", after);
        Assert.DoesNotContain("task:other/quiet", after);
        Assert.DoesNotContain("folders", after);
        Assert.All(events.Seen.Skip(before), e => Assert.StartsWith("<", e.Data.TrimStart(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stream_opened_with_the_page_stamp_sends_nothing_until_something_changes()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["quiet"] = TaskFiles.Manual() });
        var page = await server.GetTextAsync("/");
        var url = System.Text.RegularExpressions.Regex.Match(page, "sse-connect=\"([^\"]+)\"").Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);

        await using var events = await EventReader.OpenAsync(server, url);
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // the change loop looks every second: give it two looks

        Assert.Empty(events.Seen);
    }

    [Fact]
    public async Task The_stored_output_is_offered_as_a_download()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["hello"] = TaskFiles.Manual("line one") }, apiToken: "t");
        var runId = await Actions.RunNowByApiAsync(server, "hello", "t");
        await Actions.WaitForStatusAsync(server, runId, "succeeded");

        using var response = await server.Client.GetAsync(new Uri($"/runs/{runId}/output", UriKind.Relative));

        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal($"run-{runId}-output.txt", response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("line one\n", await response.Content.ReadAsStringAsync());
        Assert.Contains($"href=\"/runs/{runId}/output\" download", await server.GetTextAsync($"/runs/{runId}"), StringComparison.Ordinal);
    }
}
