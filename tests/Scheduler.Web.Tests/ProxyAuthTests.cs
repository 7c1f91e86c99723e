using System.Net;

namespace Scheduler.Web.Tests;

/// <summary>Mode proxy: the user header counts only from a trusted network; roles come from the roles header.</summary>
public sealed class ProxyAuthTests
{
    private static Dictionary<string, string?> Proxy(string trusted) => new()
    {
        ["Scheduler:Auth:Mode"] = "proxy",
        ["Scheduler:Auth:Proxy:UserHeader"] = "X-Forwarded-Email",
        ["Scheduler:Auth:Proxy:RolesHeader"] = "X-Forwarded-Groups",
        ["Scheduler:Auth:Proxy:TrustedNetworks"] = trusted,
        ["Scheduler:Auth:Proxy:OperatorRoles"] = "ops",
    };

    [Fact]
    public async Task A_proxy_header_from_an_untrusted_address_is_ignored_and_the_request_stays_anonymous()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["hello"] = TaskFiles.Manual() }, settings: Proxy("10.0.0.0/8, fd00::/8"));
        server.Client.DefaultRequestHeaders.Add("X-Forwarded-Email", "mallory@example.com");
        server.Client.DefaultRequestHeaders.Add("X-Forwarded-Groups", "ops");

        using var page = await server.Client.GetAsync(new Uri("/", UriKind.Relative));
        using var api = await server.Client.GetAsync(new Uri("/api/tasks", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
        Assert.Contains("X-Forwarded-Email", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task A_proxied_user_in_an_operator_group_runs_a_task_and_the_audit_names_them_beside_the_address()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["hello"] = TaskFiles.Manual() }, settings: Proxy("127.0.0.0/8"));
        server.Client.DefaultRequestHeaders.Add("X-Forwarded-Email", "alice@example.com");
        server.Client.DefaultRequestHeaders.Add("X-Forwarded-Groups", "staff, ops");
        var token = await server.FormTokenAsync();

        using var action = await Actions.PostFormAsync(server, "/actions/run-now", [token, new("task", "hello")]);

        Assert.Equal(HttpStatusCode.Redirect, action.StatusCode);
        var audit = (await server.Runs.ListAuditAsync("hello", 10, null, default)).Single(a => a.Action == "run-now");
        Assert.Equal("alice@example.com (127.0.0.1 via page)", audit.Actor);
        Assert.Contains("alice@example.com · operator", await server.GetTextAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_proxied_user_without_an_operator_group_reads_the_page_but_run_now_answers_403()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["hello"] = TaskFiles.Manual() }, settings: Proxy("127.0.0.0/8"));
        server.Client.DefaultRequestHeaders.Add("X-Forwarded-Email", "bob@example.com");
        var token = await server.FormTokenAsync("/tasks/hello");

        using var action = await Actions.PostFormAsync(server, "/actions/run-now", [token, new("task", "hello")]);

        Assert.Equal(HttpStatusCode.Forbidden, action.StatusCode);
        Assert.Contains("bob@example.com has the viewer role; this needs the operator role", await action.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await server.Runs.ListRunsAsync("hello", 10, null, default));
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_that_terminates_tls_a_page_action_from_the_https_origin_is_accepted()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["hello"] = TaskFiles.Manual() }, settings: Proxy("127.0.0.0/8"));
        server.Client.DefaultRequestHeaders.Add("X-Forwarded-Email", "alice@example.com");
        server.Client.DefaultRequestHeaders.Add("X-Forwarded-Groups", "ops");
        server.Client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        var token = await server.FormTokenAsync();

        using var action = await Actions.PostFormAsync(server, "/actions/run-now", [token, new("task", "hello")], origin: server.Origin.Replace("http://", "https://", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Redirect, action.StatusCode);
        Assert.Single(await server.Runs.ListRunsAsync("hello", 10, null, default));
    }

    [Fact]
    public async Task Two_user_headers_even_from_the_trusted_proxy_sign_nobody_in()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["hello"] = TaskFiles.Manual() }, settings: Proxy("127.0.0.0/8"));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative));
        request.Headers.Add("X-Forwarded-Email", ["alice@example.com", "mallory@example.com"]);

        using var page = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
    }
}
