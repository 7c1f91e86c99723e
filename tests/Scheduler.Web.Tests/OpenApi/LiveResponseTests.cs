using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Scheduler.Web.Tests.OpenApi;

/// <summary>
/// Live answers of every endpoint, checked against the schemas the served document gives for their status: the
/// document is what clients are generated from, so what the server sends must fit it. A new endpoint or answer is a
/// new row of <see cref="Requests"/>.
/// </summary>
public sealed class LiveResponseTests
{
    private const string OperatorToken = "operator-token-123";
    private const string ViewerToken = "viewer-token-456";

    /// <summary>In order, on one server: rows may depend on what earlier ones did (the slow run is running by then).</summary>
    private static readonly LiveRequest[] Requests =
    [
        new("liveness", "GET", "/healthz", "/healthz", 200),
        new("readiness", "GET", "/readyz", "/readyz", 200),
        new("every task", "GET", "/api/tasks", "/api/tasks", 200),
        new("every task, with a viewer token", "GET", "/api/tasks", "/api/tasks", 200, "viewer"),
        new("tasks by an unknown state", "GET", "/api/tasks", "/api/tasks?state=sleepy", 400),
        new("one task, slashes encoded", "GET", "/api/tasks/{id}", "/api/tasks/reports%2Fdaily", 200),
        new("one task, slashes plain", "GET", "/api/tasks/{id}", "/api/tasks/reports/daily", 200),
        new("no such task", "GET", "/api/tasks/{id}", "/api/tasks/nope", 404),
        new("a task's runs", "GET", "/api/tasks/{id}/runs", "/api/tasks/reports%2Fdaily/runs?limit=5", 200),
        new("a task's runs, slashes plain", "GET", "/api/tasks/{id}/runs", "/api/tasks/reports/daily/runs", 200),
        new("no such task's runs", "GET", "/api/tasks/{id}/runs", "/api/tasks/nope/runs", 404),
        new("run now with parameters", "POST", "/api/tasks/{id}/run", "/api/tasks/reports/daily/run", 202, "operator", """{"params":{"window":"2h","count":5}}"""),
        new("run now with bad parameters", "POST", "/api/tasks/{id}/run", "/api/tasks/reports%2Fdaily/run", 400, "operator", """{"params":{"window":"soon"}}"""),
        new("run now of no such task", "POST", "/api/tasks/{id}/run", "/api/tasks/nope/run", 404, "operator"),
        new("run now while a run is in the way", "POST", "/api/tasks/{id}/run", "/api/tasks/slow/run", 409, "operator"),
        new("run now without a token", "POST", "/api/tasks/{id}/run", "/api/tasks/slow/run", 401),
        new("run now with a viewer token", "POST", "/api/tasks/{id}/run", "/api/tasks/slow/run", 403, "viewer"),
        new("one run", "GET", "/api/runs/{id}", "/api/runs/{run}", 200),
        new("no such run", "GET", "/api/runs/{id}", "/api/runs/999999", 404),
        new("cancel a finished run", "POST", "/api/runs/{id}/cancel", "/api/runs/{run}/cancel", 409, "operator"),
        new("cancel no such run", "POST", "/api/runs/{id}/cancel", "/api/runs/999999/cancel", 404, "operator"),
        new("cancel a running run", "POST", "/api/runs/{id}/cancel", "/api/runs/{slow}/cancel", 202, "operator"),
        new("pause a folder", "POST", "/api/pause", "/api/pause", 200, "operator", """{"target":"reports/","reason":"incident","until":"2h"}"""),
        new("pause without a reason", "POST", "/api/pause", "/api/pause", 400, "operator", """{"target":"reports/"}"""),
        new("pause with a viewer token", "POST", "/api/pause", "/api/pause", 403, "viewer", """{"target":"reports/","reason":"x"}"""),
        new("a paused task", "GET", "/api/tasks/{id}", "/api/tasks/reports%2Fdaily", 200),
        new("resume it", "POST", "/api/resume", "/api/resume", 200, "operator", """{"target":"reports/"}"""),
        new("resume what is not paused", "POST", "/api/resume", "/api/resume", 400, "operator", """{"target":"reports/"}"""),
        new("the server's status", "GET", "/api/status", "/api/status", 200),
    ];

    [Fact]
    public async Task Every_endpoint_answers_what_the_document_says_for_its_status()
    {
        await using var server = await WebServer.StartAsync(
            new Dictionary<string, string> { ["reports/daily"] = ParamTaskFiles.Report, ["slow"] = TaskFiles.Slow },
            settings: new Dictionary<string, string?>
            {
                ["Scheduler:Api:Tokens:ci:Hash"] = Sha256(OperatorToken),
                ["Scheduler:Api:Tokens:ci:Role"] = "operator",
                ["Scheduler:Api:Tokens:dashboard:Hash"] = Sha256(ViewerToken),
                ["Scheduler:Api:Tokens:dashboard:Role"] = "viewer",
                ["Scheduler:Api:WriteLimit:PermitLimit"] = "1000",
            });
        var document = await OpenApiDocument.FetchAsync(server);
        var finished = await RunNowAsync(server, "reports/daily", """{"params":{"window":"1h"}}""");
        await Actions.WaitForStatusAsync(server, finished, "succeeded");
        var slow = await RunNowAsync(server, "slow", null);

        var problems = new List<string>();
        foreach (var row in Requests)
        {
            var url = row.Url.Replace("{run}", $"{finished}", StringComparison.Ordinal).Replace("{slow}", $"{slow}", StringComparison.Ordinal);
            using var response = await SendAsync(server, row.Method, url, row.Token, row.Body);
            var body = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode != row.Status)
            {
                problems.Add($"{row.Name}: {row.Method} {url} answered {(int)response.StatusCode}, not {row.Status}: {body}");
                continue;
            }

            problems.AddRange(document.Check(row.Path, row.Method, row.Status, response.Content.Headers.ContentType?.MediaType, body).Select(p => $"{row.Name}: {p}"));
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public async Task Every_documented_operation_has_a_row()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["hello"] = TaskFiles.Manual() });
        var document = await OpenApiDocument.FetchAsync(server);

        var untested = document.Operations.Select(o => $"{o.Method.ToUpperInvariant()} {o.Path}")
            .Except(Requests.Select(r => $"{r.Method} {r.Path}"), StringComparer.Ordinal);

        Assert.Empty(untested);
    }

    [Fact]
    public async Task The_check_finds_an_answer_that_does_not_fit_its_schema()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["hello"] = TaskFiles.Manual() });
        var document = await OpenApiDocument.FetchAsync(server);

        Assert.NotEmpty(document.Check("/api/runs/{id}", "GET", 404, "application/json", """{"reason":5}"""));
        Assert.NotEmpty(document.Check("/api/tasks/{id}", "GET", 200, "application/json", """[{"id":1}]"""));
        Assert.NotEmpty(document.Check("/api/status", "GET", 418, "application/json", "{}"));
        Assert.Empty(document.Check("/api/runs/{id}", "GET", 404, "application/json", """{"reason":"there is no run #5"}"""));
    }

    private static async Task<long> RunNowAsync(WebServer server, string taskId, string? body)
    {
        using var response = await SendAsync(server, "POST", $"/api/tasks/{taskId}/run", "operator", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"run now of {taskId} answered {(int)response.StatusCode}: {text}");
        return System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("runId").GetInt64();
    }

    private static Task<HttpResponseMessage> SendAsync(WebServer server, string method, string url, string? token, string? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(url, UriKind.Relative));
        request.Headers.Authorization = token switch
        {
            "operator" => new AuthenticationHeaderValue("Bearer", OperatorToken),
            "viewer" => new AuthenticationHeaderValue("Bearer", ViewerToken),
            "wrong" => new AuthenticationHeaderValue("Bearer", "not-a-token"),
            _ => null,
        };
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return server.Client.SendAsync(request);
    }

    private static string Sha256(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
