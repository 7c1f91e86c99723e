namespace Scheduler.Web.Tests;

/// <summary>The page and the API show a task's credential references as <c>*** (from-env NAME)</c>.</summary>
public sealed class SecretDisplayTests
{
    private const string Task = "schedule: { manual: true }\nenv: { DB_URL: { from-env: APP_DB_URL } }\nhttp:\n  url: https://example.com\n  headers:\n    Authorization:\n      from-file: /run/secrets/token\n      prefix: \"Bearer \"\n";

    [Fact]
    public async Task The_api_and_the_task_page_show_references_as_stars_with_their_source()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["deploy"] = Task });

        var yaml = (await server.GetJsonAsync("/api/tasks/deploy")).GetProperty("definition").GetString();
        var page = await server.GetTextAsync("/tasks/deploy");

        Assert.Equal(
            "schedule: { manual: true }\nenv: { DB_URL: \"*** (from-env APP_DB_URL)\" }\nhttp:\n  url: https://example.com\n  headers:\n    Authorization:\n      \"Bearer *** (from-file /run/secrets/token)\"\n",
            yaml);
        Assert.Contains("*** (from-env APP_DB_URL)", page, StringComparison.Ordinal);
        Assert.Contains("Bearer *** (from-file /run/secrets/token)", page, StringComparison.Ordinal);
    }
}
