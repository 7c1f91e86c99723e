using Microsoft.EntityFrameworkCore;

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
    public async Task Output_written_after_the_run_page_was_read_and_before_its_stream_opened_is_sent_as_appended()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["talk"] = TaskFiles.Manual() });
        var runId = await RunningRunAsync(server, "talk", "first line\n");
        var page = await server.GetTextAsync($"/runs/{runId}");
        var url = System.Text.RegularExpressions.Regex.Match(page, "sse-connect=\"([^\"]+)\"").Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);

        // The engine's output flush lands between the page's read and its stream's first look, before the change loop's
        // next look (it looks once a second): the stream opens with the page's version and must not take this as shown.
        Assert.True(await server.Runs.UpdateOutputAsync(runId, "first line\nsecond line\n", 23, CancellationToken.None));
        await using var events = await EventReader.OpenAsync(server, url);

        var sent = await events.WaitForAsync(e => e.Name is "output" or "output-append" && e.Data.Contains("second line", StringComparison.Ordinal));
        Assert.Contains("first line", page, StringComparison.Ordinal);
        Assert.Equal("output-append", sent.Name);
        Assert.DoesNotContain("first line", sent.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_that_ended_after_its_page_was_read_sends_its_fields_when_the_stream_opens()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["talk"] = TaskFiles.Manual() });
        var runId = await RunningRunAsync(server, "talk", "done\n");
        var page = await server.GetTextAsync($"/runs/{runId}");
        var url = System.Text.RegularExpressions.Regex.Match(page, "sse-connect=\"([^\"]+)\"").Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);

        await using (var db = await server.Store.Contexts.CreateDbContextAsync())
        {
            var run = await db.Runs.SingleAsync(r => r.Id == runId);
            run.Status = Scheduler.Definitions.Runs.RunStatus.Succeeded;
            run.FinishedAt = run.StartedAt!.Value.AddSeconds(1);
            run.ExitCode = 0;
            await db.SaveChangesAsync();
        }

        await using var events = await EventReader.OpenAsync(server, url);

        var fields = await events.WaitForAsync(e => e.Name == "fields");
        Assert.Contains("data-testid=\"run-status\">succeeded<", fields.Data, StringComparison.Ordinal);
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

    // A running run as the engine leaves it between two output flushes: written here, so the test decides when its output grows.
    private static async Task<long> RunningRunAsync(WebServer server, string taskId, string output)
    {
        await using var db = await server.Store.Contexts.CreateDbContextAsync();
        var started = DateTimeOffset.UtcNow;
        var run = new Scheduler.State.Entities.RunRecord
        {
            TaskId = taskId,
            Trigger = Scheduler.Definitions.Runs.RunTrigger.Manual,
            SlotUtc = started,
            Attempt = 1,
            Status = Scheduler.Definitions.Runs.RunStatus.Running,
            StartedAt = started,
            OutputTail = output,
            OutputBytes = System.Text.Encoding.UTF8.GetByteCount(output),
            Revision = "test",
            Instance = "web-test",
        };
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        return run.Id;
    }
}
