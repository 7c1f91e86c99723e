using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Scheduler.Web.Tests;

/// <summary>Named API tokens (Scheduler:Api:Tokens:NAME with a SHA-256 Hash and a Role) and the write rate limit.</summary>
public sealed class ApiTokenRoleTests
{
    private const string ViewerToken = "viewer-token-123";
    private const string DeployToken = "deploy-token-456";

    private static Dictionary<string, string?> Tokens(params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Scheduler:Api:Tokens:dashboard:Hash"] = Sha256(ViewerToken),
            ["Scheduler:Api:Tokens:dashboard:Role"] = "viewer",
            ["Scheduler:Api:Tokens:deploy:Hash"] = Sha256(DeployToken).ToUpperInvariant(),
            ["Scheduler:Api:Tokens:deploy:Role"] = "Operator",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static string Sha256(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    [Fact]
    public async Task A_token_with_the_viewer_role_reads_but_gets_403_on_a_write()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["hello"] = TaskFiles.Manual() }, settings: Tokens());

        using var read = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/tasks", UriKind.Relative));
        read.Headers.Authorization = new("Bearer", ViewerToken);
        using var readResponse = await server.Client.SendAsync(read);
        using var write = await server.Client.SendAsync(Actions.ApiPost("/api/tasks/hello/run", ViewerToken));

        Assert.Equal(HttpStatusCode.OK, readResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Contains("token dashboard has the viewer role; this needs the operator role", await write.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await server.Runs.ListRunsAsync("hello", 10, null, default));
    }

    [Fact]
    public async Task A_token_with_the_operator_role_runs_a_task_and_the_audit_names_the_token()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["hello"] = TaskFiles.Manual() }, settings: Tokens());

        var runId = await Actions.RunNowByApiAsync(server, "hello", DeployToken);

        var audit = (await server.Runs.ListAuditAsync("hello", 10, null, default)).Single(a => a.Action == "run-now");
        Assert.Equal(runId, audit.RunId);
        Assert.Equal("token deploy (127.0.0.1 via api)", audit.Actor);
    }

    [Fact]
    public async Task A_token_is_not_accepted_by_its_hash_or_with_a_different_case()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["hello"] = TaskFiles.Manual() }, settings: Tokens());

        using var byHash = await server.Client.SendAsync(Actions.ApiPost("/api/tasks/hello/run", Sha256(DeployToken)));
        using var upper = await server.Client.SendAsync(Actions.ApiPost("/api/tasks/hello/run", DeployToken.ToUpperInvariant()));

        Assert.Equal(HttpStatusCode.Unauthorized, byHash.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, upper.StatusCode);
        Assert.Contains("the API token is wrong", await upper.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writes_over_the_limit_answer_429_with_retry_after_and_start_nothing()
    {
        var settings = Tokens(("Scheduler:Api:WriteLimit:PermitLimit", "2"), ("Scheduler:Api:WriteLimit:Window", "01:00:00"));
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["hello"] = TaskFiles.Manual() }, settings: settings);

        using var first = await server.Client.SendAsync(Actions.ApiPost("/api/tasks/nope/run", DeployToken));
        using var second = await server.Client.SendAsync(Actions.ApiPost("/api/tasks/nope/run", DeployToken));
        using var third = await server.Client.SendAsync(Actions.ApiPost("/api/tasks/hello/run", DeployToken));

        Assert.Equal(HttpStatusCode.NotFound, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        var retryAfter = third.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        Assert.Contains("Scheduler:Api:WriteLimit", await third.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await server.Runs.ListRunsAsync("hello", 10, null, default));
    }
}
