using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Scheduler.Web.Tests;

/// <summary><c>POST /api/pause</c> and <c>/api/resume</c> over loopback, and what the API, the page and the metrics show of a pause.</summary>
public sealed class PauseApiTests
{
    private const string Token = "ops-token-123";
    private const string ViewerToken = "viewer-token-123";

    private static Dictionary<string, string> Tasks() => new()
    {
        ["backups/a"] = TaskFiles.Manual(),
        ["backups/b"] = TaskFiles.Manual(),
        ["reports/x"] = TaskFiles.Manual(),
    };

    private static HttpRequestMessage Post(string path, object body, string? token = Token)
    {
        var request = Actions.ApiPost(path, token);
        request.Content = JsonContent.Create(body);
        return request;
    }

    [Fact]
    public async Task An_operator_pauses_a_folder_and_the_api_the_filter_the_page_and_the_metrics_show_it_until_it_is_resumed()
    {
        await using var server = await WebServer.StartAsync(Tasks(), apiToken: Token);

        using var paused = await server.Client.SendAsync(Post("/api/pause", new { target = "backups/", reason = "db migration", until = "2h" }));
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        Assert.Equal("""{"paused":["backups/a","backups/b"]}""", await paused.Content.ReadAsStringAsync());

        var tasks = await server.GetJsonAsync("/api/tasks");
        var pause = Task(tasks, "backups/a").GetProperty("paused");
        Assert.Equal("db migration", pause.GetProperty("reason").GetString());
        Assert.Equal("token default", pause.GetProperty("by").GetString()); // the token's name: who, not where
        Assert.Equal(pause.GetProperty("since").GetDateTime().AddHours(2), pause.GetProperty("until").GetDateTime());
        Assert.Equal(JsonValueKind.Null, Task(tasks, "reports/x").GetProperty("paused").ValueKind);
        Assert.Equal(["backups/a", "backups/b"], (await server.GetJsonAsync("/api/tasks?state=paused")).EnumerateArray().Select(t => t.GetProperty("id").GetString()));
        var overview = await server.GetTextAsync("/?state=paused");
        Assert.Contains("data-testid=\"task-paused-backups/a\"", overview, StringComparison.Ordinal);
        Assert.DoesNotContain("task-row-reports/x", overview, StringComparison.Ordinal);
        Assert.Contains("scheduler_task_paused{task=\"backups/a\"} 1", await server.GetTextAsync("/metrics"), StringComparison.Ordinal);
        Assert.Contains((await server.Runs.ListAuditAsync(10, null, default)), a => a.Action == "pause" && a.Detail!.Contains("db migration", StringComparison.Ordinal));

        using var resumed = await server.Client.SendAsync(Post("/api/resume", new { target = "backups/" }));
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        Assert.Equal("""{"resumed":["backups/a","backups/b"]}""", await resumed.Content.ReadAsStringAsync());
        Assert.Empty(await server.GetJsonAsync("/api/tasks?state=paused") is { } none ? none.EnumerateArray() : default);
    }

    [Fact]
    public async Task Run_now_of_a_paused_task_starts_and_says_it_is_paused()
    {
        await using var server = await WebServer.StartAsync(Tasks(), apiToken: Token);
        using var paused = await server.Client.SendAsync(Post("/api/pause", new { target = "*", reason = "incident 12" }));
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        Assert.Contains("data-testid=\"all-paused\"", await server.GetTextAsync("/"), StringComparison.Ordinal);

        using var run = await server.Client.SendAsync(Actions.ApiPost("/api/tasks/reports/x/run", Token));

        Assert.Equal(HttpStatusCode.Accepted, run.StatusCode);
        Assert.Contains("the task is paused (by token default: incident 12)", await run.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"target":"backups/","reason":""}""", "a reason is required")]
    [InlineData("""{"target":"nope","reason":"x"}""", "there is no task 'nope'; to pause a folder, end it with a slash (nope/)")]
    [InlineData("""{"target":"/backups","reason":"x"}""", "'/backups' is not a target")]
    [InlineData("""{"target":"system/retention","reason":"x"}""", "cannot be paused")]
    [InlineData("""{"reason":"x"}""", "a target is required")]
    [InlineData("""{"target":"*","reason":"x","until":"tomorrow"}""", "until 'tomorrow' is neither an instant nor a duration")]
    [InlineData("""{"target":"*","reason":"x","until":"2000-01-01T00:00:00Z"}""", "is not in the future")]
    public async Task A_bad_pause_answers_400_with_the_reason_and_pauses_nothing(string body, string expected)
    {
        await using var server = await WebServer.StartAsync(Tasks(), apiToken: Token);
        using var request = Actions.ApiPost("/api/pause", Token);
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Empty(await server.Runs.ListPausesAsync(default));
    }

    [Fact]
    public async Task Resuming_what_is_not_paused_answers_400_and_names_the_wider_pause()
    {
        await using var server = await WebServer.StartAsync(Tasks(), apiToken: Token);
        using var paused = await server.Client.SendAsync(Post("/api/pause", new { target = "backups/", reason = "r" }));

        using var response = await server.Client.SendAsync(Post("/api/resume", new { target = "backups/a" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("it is paused by the pause on 'backups/'", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pause_and_resume_need_a_token_with_the_operator_role()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Scheduler:Api:Tokens:dashboard:Hash"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ViewerToken))),
            ["Scheduler:Api:Tokens:dashboard:Role"] = "viewer",
        };
        await using var server = await WebServer.StartAsync(Tasks(), settings: settings);

        using var anonymous = await server.Client.SendAsync(Post("/api/pause", new { target = "*", reason = "r" }, token: null));
        using var viewer = await server.Client.SendAsync(Post("/api/pause", new { target = "*", reason = "r" }, ViewerToken));
        using var resume = await server.Client.SendAsync(Post("/api/resume", new { target = "*" }, ViewerToken));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, resume.StatusCode);
        Assert.Empty(await server.Runs.ListPausesAsync(default));
    }

    [Fact]
    public async Task The_page_form_pauses_and_resumes_a_task_with_the_antiforgery_token_and_refuses_without_it()
    {
        await using var server = await WebServer.StartAsync(Tasks());
        var token = await server.FormTokenAsync("/tasks/reports/x");
        Assert.Contains("data-testid=\"pause-submit\"", await server.GetTextAsync("/tasks/reports/x"), StringComparison.Ordinal);

        using var refused = await Actions.PostFormAsync(server, "/actions/pause", [new("target", "reports/x"), new("reason", "r")]);
        using var done = await Actions.PostFormAsync(server, "/actions/pause", [token, new("target", "reports/x"), new("reason", "flaky upstream"), new("until", "30m")]);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var page = await server.GetTextAsync("/tasks/reports/x");
        Assert.Contains("paused by 127.0.0.1: flaky upstream", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"resume\"", page, StringComparison.Ordinal);

        using var resumed = await Actions.PostFormAsync(server, "/actions/resume", [await server.FormTokenAsync("/tasks/reports/x"), new("target", "reports/x")], htmx: true);
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        Assert.Contains("resumed reports/x: 1 task(s)", await resumed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await server.Runs.ListPausesAsync(default));
    }

    [Fact]
    public async Task A_suspended_task_whose_file_changed_since_says_so_and_stays_paused()
    {
        await using var server = await WebServer.StartAsync(Tasks());
        await server.Runs.PauseAsync(
            new State.Entities.PauseRecord
            {
                Target = "reports/x", By = "scheduler", Reason = "suspended after 3 consecutive failures (last: run #9)",
                SinceUtc = DateTimeOffset.Parse("2026-11-23T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
                DefinitionHash = "the hash before the fix", RunId = 9,
            },
            "suspend",
            ["reports/x"],
            default);

        await Eventually.HoldsAsync(
            async () => (await server.GetTextAsync("/tasks/reports/x")).Contains("data-testid=\"task-changed-since-suspended\"", StringComparison.Ordinal),
            "the task page does not say the definition changed since the suspension");
        var page = await server.GetTextAsync("/tasks/reports/x");
        Assert.Contains("suspended by scheduler: suspended after 3 consecutive failures (last: run #9)", page, StringComparison.Ordinal);
        Assert.Equal("scheduler", Task(await server.GetJsonAsync("/api/tasks"), "reports/x").GetProperty("paused").GetProperty("by").GetString());
    }

    private static JsonElement Task(JsonElement tasks, string id) => tasks.EnumerateArray().Single(t => t.GetProperty("id").GetString() == id);
}
