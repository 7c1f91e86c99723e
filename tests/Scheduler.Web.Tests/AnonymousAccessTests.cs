using System.Net;
using Scheduler.Web.Security;

namespace Scheduler.Web.Tests;

/// <summary>Mode none: anonymous users are operators only on loopback; beyond it they get 401 unless allowed to read.</summary>
public sealed class AnonymousAccessTests
{
    private const string AnyAddress = "http://0.0.0.0:0";

    [Fact]
    public async Task Beyond_loopback_with_no_sign_in_pages_and_api_answer_401_with_how_to_configure_it_while_health_and_metrics_answer()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["hello"] = TaskFiles.Manual() }, urls: AnyAddress);

        using var page = await server.Client.GetAsync(new Uri("/", UriKind.Relative));
        using var task = await server.Client.GetAsync(new Uri("/tasks/hello", UriKind.Relative));
        using var api = await server.Client.GetAsync(new Uri("/api/tasks", UriKind.Relative));
        using var action = await Actions.PostFormAsync(server, "/actions/run-now", [new("task", "hello")]);

        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
        var explanation = await page.Content.ReadAsStringAsync();
        Assert.Contains("Sign-in needed", explanation, StringComparison.Ordinal);
        Assert.Contains("Scheduler:Auth:Mode", explanation, StringComparison.Ordinal);
        Assert.Contains("Scheduler:Auth:AllowAnonymous=true", explanation, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, task.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Contains("Scheduler:Auth:Mode", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, action.StatusCode);
        Assert.Equal("ok\n", await server.GetTextAsync("/healthz"));
        Assert.StartsWith("ready", await server.GetTextAsync("/readyz"), StringComparison.Ordinal);
        Assert.Contains("scheduler_", await server.GetTextAsync("/metrics"), StringComparison.Ordinal);
        Assert.Empty(await server.Runs.ListRunsAsync("hello", 10, null, default));
    }

    [Fact]
    public async Task Beyond_loopback_allow_anonymous_lets_anonymous_users_read_but_never_act()
    {
        var settings = new Dictionary<string, string?> { ["Scheduler:Auth:AllowAnonymous"] = "true" };
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["hello"] = TaskFiles.Manual() }, settings: settings, urls: AnyAddress);
        var token = await server.FormTokenAsync();

        using var action = await Actions.PostFormAsync(server, "/actions/run-now", [token, new("task", "hello")]);

        Assert.Equal(HttpStatusCode.Unauthorized, action.StatusCode);
        Assert.Contains("operator", await action.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("hello", (await server.GetJsonAsync("/api/tasks")).EnumerateArray().Select(t => t.GetProperty("id").GetString()));
        Assert.Empty(await server.Runs.ListRunsAsync("hello", 10, null, default));
    }

    [Fact]
    public async Task On_loopback_with_no_sign_in_anonymous_users_still_run_tasks_from_the_page()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["hello"] = TaskFiles.Manual() });
        var token = await server.FormTokenAsync();

        using var action = await Actions.PostFormAsync(server, "/actions/run-now", [token, new("task", "hello")]);

        Assert.Equal(HttpStatusCode.Redirect, action.StatusCode);
        Assert.Single(await server.Runs.ListRunsAsync("hello", 10, null, default));
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080", true)]
    [InlineData("http://127.0.0.2:8080", true)]
    [InlineData("http://[::1]:8080", true)]
    [InlineData("http://localhost:5000", true)]
    [InlineData("http://0.0.0.0:8080", false)]
    [InlineData("http://[::]:8080", false)]
    [InlineData("http://*:8080", false)]
    [InlineData("http://+:8080", false)]
    [InlineData("http://10.0.0.5:8080", false)]
    [InlineData("http://scheduler.example.com:8080", false)]
    public void An_address_is_loopback_only_when_its_host_is_a_loopback_address_or_localhost(string address, bool loopback) =>
        Assert.Equal(loopback, AnonymousAccess.IsLoopback(address));

    [Fact]
    public void A_server_with_one_address_beyond_loopback_is_not_loopback_only() =>
        Assert.False(AnonymousAccess.AreLoopback(["http://127.0.0.1:8080", "http://0.0.0.0:8081"]));
}
