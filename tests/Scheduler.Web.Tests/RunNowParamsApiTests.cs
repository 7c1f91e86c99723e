using System.Net;
using System.Text;
using System.Text.Json;

namespace Scheduler.Web.Tests;

/// <summary><c>POST /api/tasks/{id}/run</c> with <c>{"params":{...}}</c>: the checks, and the parameters a run records and shows.</summary>
public sealed class RunNowParamsApiTests
{
    private const string Token = "secret";

    [Fact]
    public async Task Each_bad_value_is_a_400_that_names_the_parameter_and_says_why()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["reports/daily"] = ParamTaskFiles.Report }, apiToken: Token);

        var (status, body) = await PostAsync(server, "reports/daily", """{"params":{"region":"mars","count":"many","label":"Daily1","colour":"red"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = body.GetProperty("errors");
        Assert.Equal(["colour", "count", "label", "region", "window"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Contains("is not a parameter of this task", errors.GetProperty("colour").GetString(), StringComparison.Ordinal);
        Assert.Contains("'many' is not a whole number", errors.GetProperty("count").GetString(), StringComparison.Ordinal);
        Assert.Contains("does not match the pattern '[a-z]+'", errors.GetProperty("label").GetString(), StringComparison.Ordinal);
        Assert.Contains("'mars' is not one of the choices eu, us", errors.GetProperty("region").GetString(), StringComparison.Ordinal);
        Assert.Contains("is required and has no default", errors.GetProperty("window").GetString(), StringComparison.Ordinal);
        Assert.Empty(await server.Runs.ListRunsAsync("reports/daily", 10, null, CancellationToken.None));
    }

    [Theory]
    [InlineData("not json", "(body)", "the body is not JSON")]
    [InlineData("[1]", "(body)", "the body must be an object")]
    [InlineData("""{"params":{"window":{"h":1}}}""", "window", "is not a value: give a string, a number or true/false")]
    public async Task A_body_that_is_not_parameters_is_a_400_in_the_same_shape(string text, string key, string why)
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["reports/daily"] = ParamTaskFiles.Report }, apiToken: Token);

        var (status, body) = await PostAsync(server, "reports/daily", text);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(why, body.GetProperty("errors").GetProperty(key).GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_records_its_parameters_with_the_defaults_filled_in_and_the_api_shows_them()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["reports/daily"] = ParamTaskFiles.Report }, apiToken: Token);

        // JSON numbers and booleans are read as the text --param would give.
        var (status, body) = await PostAsync(server, "reports%2Fdaily", """{"params":{"window":"90m","count":7,"dry-run":false}}""");
        Assert.Equal(HttpStatusCode.Accepted, status);
        var runId = body.GetProperty("runId").GetInt64();
        await Actions.WaitForStatusAsync(server, runId, "succeeded");

        var run = await server.GetJsonAsync($"/api/runs/{runId}");
        var expected = new Dictionary<string, string> { ["count"] = "7", ["dry-run"] = "false", ["label"] = "daily", ["region"] = "eu", ["window"] = "1h30m" };
        Assert.Equal(expected, Parameters(run));
        Assert.Equal("region=eu window=1h30m dry=false\n", run.GetProperty("outputTail").GetString());
        var listed = Assert.Single((await server.GetJsonAsync("/api/tasks/reports/daily/runs")).EnumerateArray());
        Assert.Equal(expected, Parameters(listed));
    }

    [Fact]
    public async Task A_task_without_params_refuses_any_and_records_none()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["hello"] = TaskFiles.Manual() }, apiToken: Token);

        var (refused, errors) = await PostAsync(server, "hello", """{"params":{"x":"1"}}""");
        var (status, body) = await PostAsync(server, "hello", """{"params":{}}""");

        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Contains("this task declares no params", errors.GetProperty("errors").GetProperty("x").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, status);
        var run = await server.GetJsonAsync($"/api/runs/{body.GetProperty("runId").GetInt64()}");
        Assert.Equal(JsonValueKind.Null, run.GetProperty("parameters").ValueKind);
    }

    private static Dictionary<string, string> Parameters(JsonElement run) =>
        run.GetProperty("parameters").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(WebServer server, string taskPath, string json)
    {
        using var request = Actions.ApiPost($"/api/tasks/{taskPath}/run", Token);
        request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await server.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }
}
