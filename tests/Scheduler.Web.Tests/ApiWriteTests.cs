using System.Net;
using System.Text.Json;

namespace Scheduler.Web.Tests;

/// <summary>Run-now and cancel through the API: the token, the overlap policy, and what each answer means.</summary>
public sealed class ApiWriteTests
{
    private const string Token = "s3cret-token";

    [Fact]
    public async Task With_no_token_configured_api_writes_are_refused_with_403()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["hello"] = TaskFiles.Manual() });

        using var run = await server.Client.SendAsync(Actions.ApiPost("/api/tasks/hello/run", "anything"));
        using var cancel = await server.Client.SendAsync(Actions.ApiPost("/api/runs/1/cancel", null));

        Assert.Equal(HttpStatusCode.Forbidden, run.StatusCode);
        Assert.Contains("Scheduler:Api:Token", await run.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, cancel.StatusCode);
        Assert.Empty(await server.Runs.ListRunsAsync("hello", 10, null, default));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong")]
    [InlineData("s3cret-token-longer")]
    public async Task A_missing_or_wrong_token_is_401_with_a_bearer_challenge(string? token)
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["hello"] = TaskFiles.Manual() }, apiToken: Token);

        using var response = await server.Client.SendAsync(Actions.ApiPost("/api/tasks/hello/run", token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Empty(await server.Runs.ListRunsAsync("hello", 10, null, default));
    }

    [Fact]
    public async Task Run_now_is_202_with_the_run_id_404_for_an_unknown_task_and_409_with_the_reason_under_overlap_forbid()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["slow"] = TaskFiles.Slow }, apiToken: Token);

        var runId = await Actions.RunNowByApiAsync(server, "slow", Token);
        using var unknown = await server.Client.SendAsync(Actions.ApiPost("/api/tasks/nope/run", Token));
        using var second = await server.Client.SendAsync(Actions.ApiPost("/api/tasks/slow/run", Token));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var reason = JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement.GetProperty("reason").GetString();
        Assert.Equal($"run #{runId} (slot {(await server.Runs.GetRunAsync(runId, default))!.SlotUtc.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}, attempt 1) is still running (overlap: forbid)", reason);
    }

    [Fact]
    public async Task Cancel_stops_a_running_run_which_ends_cancelled_and_a_second_cancel_or_an_unknown_run_is_refused()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["slow"] = TaskFiles.Slow }, apiToken: Token);
        var runId = await Actions.RunNowByApiAsync(server, "slow", Token);

        using var cancel = await server.Client.SendAsync(Actions.ApiPost($"/api/runs/{runId}/cancel", Token));
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal(runId, JsonDocument.Parse(await cancel.Content.ReadAsStringAsync()).RootElement.GetProperty("runId").GetInt64());
        await Actions.WaitForStatusAsync(server, runId, "cancelled");

        using var again = await server.Client.SendAsync(Actions.ApiPost($"/api/runs/{runId}/cancel", Token));
        using var unknown = await server.Client.SendAsync(Actions.ApiPost("/api/runs/424242/cancel", Token));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already ended (cancelled)", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Every_api_action_is_audited_with_the_token_its_address_and_result()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["slow"] = TaskFiles.Slow }, apiToken: Token);
        var runId = await Actions.RunNowByApiAsync(server, "slow", Token);
        using var refused = await server.Client.SendAsync(Actions.ApiPost("/api/tasks/slow/run", Token));
        using var cancel = await server.Client.SendAsync(Actions.ApiPost($"/api/runs/{runId}/cancel", Token));

        var audit = (await server.Runs.ListAuditAsync("slow", 10, null, default)).Where(a => a.Action != "config-applied").Reverse().ToList();

        Assert.Equal(["run-now started", "run-now refused", "cancel stopping"], audit.Select(a => $"{a.Action} {a.Result}"));
        Assert.All(audit, a => Assert.Equal("token default (127.0.0.1 via api)", a.Actor));
        Assert.Equal(runId, audit[0].RunId);
        Assert.Contains("overlap: forbid", audit[1].Detail, StringComparison.Ordinal);
    }
}
