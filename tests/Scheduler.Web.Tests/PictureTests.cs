using System.Text;
using Scheduler.Web.Pictures;

namespace Scheduler.Web.Tests;

/// <summary>The pictures of time: /timeline, /failures, the daily durations on the task page, and /calendar.ics.</summary>
public sealed class PictureTests
{
    private const string Failing = """
        description: fails on purpose
        schedule:
          manual: true
        shell: "echo 'checking /var'; echo 'disk check: /var is 97% full' >&2; exit 3"
        """;

    private const string Hourly = """
        description: every hour
        schedule:
          every: 1h
        catch-up: none
        shell: "true"
        """;

    [Fact]
    public async Task Failures_lists_the_failed_runs_grouped_by_task_with_their_first_error_line_and_a_link()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["checks/disk"] = Failing, ["hello"] = TaskFiles.Manual() }, apiToken: "t");
        var failed = await Actions.RunNowByApiAsync(server, "checks/disk", "t");
        await Actions.WaitForStatusAsync(server, failed, "failed");
        var ok = await Actions.RunNowByApiAsync(server, "hello", "t");
        await Actions.WaitForStatusAsync(server, ok, "succeeded");

        var html = await server.GetTextAsync("/failures");

        Assert.Contains("data-testid=\"failures-of-checks/disk\"", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/runs/{failed}\" class=\"status status-failed\" data-testid=\"failure-{failed}\">#{failed} failed</a>", html, StringComparison.Ordinal);
        Assert.Contains("disk check: /var is 97% full", html, StringComparison.Ordinal);
        Assert.DoesNotContain("failures-of-hello", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_timeline_draws_runs_as_bars_upcoming_slots_as_ticks_and_now_as_a_line_filtered_like_the_overview()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["hello"] = TaskFiles.Manual(), ["hourly"] = Hourly }, apiToken: "t");
        var run = await Actions.RunNowByApiAsync(server, "hello", "t");
        await Actions.WaitForStatusAsync(server, run, "succeeded");

        var html = await server.GetTextAsync("/timeline");
        var filtered = await server.GetTextAsync("/timeline?q=hourly");

        Assert.Contains("data-testid=\"timeline-row-hello\"", html, StringComparison.Ordinal);
        Assert.Matches($"<a href=\"/runs/{run}\" aria-label=\"#{run} succeeded, started [^\"]+\"><rect class=\"bar status-succeeded\"", html);
        Assert.Contains("<line class=\"now\" x1=\"480\" x2=\"480\"", html, StringComparison.Ordinal);
        var ticks = Assert.Single(System.Text.RegularExpressions.Regex.Matches(filtered, "<path class=\"mark upcoming\" d=\"([^\"]+)\" data-count=\"24\"><title>24 upcoming slots, the next at ")).Groups[1].Value;
        Assert.Equal(24, Count(ticks, "v10")); // one path of 24 ticks, not 24 elements
        Assert.DoesNotContain("timeline-row-hello", filtered, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_task_page_shows_daily_p50_and_p95_durations()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["hello"] = TaskFiles.Manual() }, apiToken: "t");
        var run = await Actions.RunNowByApiAsync(server, "hello", "t");
        await Actions.WaitForStatusAsync(server, run, "succeeded");

        var html = await server.GetTextAsync("/tasks/hello");

        Assert.Contains("data-testid=\"daily-chart\"", html, StringComparison.Ordinal);
        Assert.Matches(@"<title>\d{4}-\d\d-\d\d: p50 [^,]+, p95 [^,]+, 1 runs</title>", html);
    }

    [Fact]
    public async Task The_calendar_feed_has_the_next_7_days_of_slots_as_valid_iCalendar_each_event_linking_to_its_task()
    {
        await using var server = await WebServer.StartAsync(
            new Dictionary<string, string> { ["berlin"] = TaskFiles.Berlin, ["hello"] = TaskFiles.Manual() }, clockStart: new DateTimeOffset(2027, 3, 22, 12, 0, 0, TimeSpan.Zero));

        using var response = await server.Client.GetAsync(new Uri("/calendar.ics?q=berlin", UriKind.Relative));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes);

        Assert.Equal("text/calendar; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.StartsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", text, StringComparison.Ordinal);
        Assert.EndsWith("END:VCALENDAR\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", text.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal); // every line ends in CRLF
        Assert.All(text.Split("\r\n"), line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"longer than 75 octets: {line}"));
        var unfolded = text.Replace("\r\n ", "", StringComparison.Ordinal);
        Assert.Equal(7, Count(unfolded, "BEGIN:VEVENT"));
        Assert.Contains("DTSTART:20270323T013000Z\r\n", unfolded, StringComparison.Ordinal);
        Assert.Contains("DTSTART:20270328T010000Z\r\n", unfolded, StringComparison.Ordinal); // the DST gap moves 02:30 to 03:00 +02:00
        Assert.Contains($"URL:{server.Origin}/tasks/berlin\r\n", unfolded, StringComparison.Ordinal);
        Assert.Contains("DESCRIPTION:At 02:30 every day\\, Europe/Berlin\\nhalf past two in Berlin\\, which", unfolded, StringComparison.Ordinal);
        Assert.DoesNotContain("SUMMARY:hello", unfolded, StringComparison.Ordinal);
    }

    [Fact]
    public void Calendar_lines_fold_at_75_octets_without_splitting_a_character_and_text_is_escaped()
    {
        var feed = new CalendarFeed("n");
        var summary = new string('é', 100) + "; a, b\\c\nd";
        feed.Add("u", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, summary, "", "https://x/");

        var text = feed.Finish();

        Assert.All(text.Split("\r\n"), line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75));
        Assert.Contains("SUMMARY:" + new string('é', 100) + "\\; a\\, b\\\\c\\nd\r\n", text.Replace("\r\n ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("\uFFFD", text, StringComparison.Ordinal);
    }

    private static int Count(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
