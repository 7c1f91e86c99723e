using System.Net;

namespace Scheduler.Web.Tests;

/// <summary>The run-now form of a task with params, as a browser without script posts it.</summary>
public sealed class RunNowParamsPageTests
{
    [Fact]
    public async Task The_form_has_a_typed_input_per_parameter_with_its_default_and_help()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["reports/daily"] = ParamTaskFiles.Report });

        var task = await server.GetTextAsync("/tasks/reports/daily");
        var form = await server.GetTextAsync("/actions/run-now?task=reports%2Fdaily");

        Assert.Contains("href=\"/actions/run-now?task=reports%2Fdaily\"", task, StringComparison.Ordinal);
        Assert.Contains("<select id=\"param-region\" name=\"param.region\"", form, StringComparison.Ordinal);
        Assert.Contains("<option value=\"eu\" selected>eu</option>", form, StringComparison.Ordinal);
        Assert.Contains("type=\"number\" id=\"param-count\" name=\"param.count\" value=\"3\"", form, StringComparison.Ordinal);
        Assert.Contains("type=\"text\" id=\"param-window\" name=\"param.window\" required", form, StringComparison.Ordinal);
        Assert.Contains("pattern=\"[a-z]+\"", form, StringComparison.Ordinal);
        Assert.Contains("<input type=\"hidden\" name=\"param.dry-run\" value=\"false\" /><input type=\"checkbox\" id=\"param-dry-run\" name=\"param.dry-run\" value=\"true\" checked", form, StringComparison.Ordinal);
        Assert.Contains("type=\"date\" id=\"param-day\"", form, StringComparison.Ordinal);
        Assert.Contains("<p class=\"help\" id=\"param-window-help\">How far back to look</p>", form, StringComparison.Ordinal);
        Assert.Contains("name=\"__antiforgery\"", form, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_value_comes_back_as_the_form_with_the_reason_beside_the_field_and_a_good_one_starts_the_run()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["reports/daily"] = ParamTaskFiles.Report });
        var token = await server.FormTokenAsync("/actions/run-now?task=reports%2Fdaily");

        using var refused = await Actions.PostFormAsync(server, "/actions/run-now", Fields(token, "soon"));
        var html = await refused.Content.ReadAsStringAsync();
        using var started = await Actions.PostFormAsync(server, "/actions/run-now", Fields(token, "2h"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("data-testid=\"param-error-window\">window &#39;soon&#39; is not a duration", html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\" aria-describedby=\"param-window-help param-window-error\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"us\" selected", html, StringComparison.Ordinal); // the values sent are kept
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var runId = long.Parse(started.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        await Actions.WaitForStatusAsync(server, runId, "succeeded");
        var page = await server.GetTextAsync($"/runs/{runId}");
        Assert.Contains("data-testid=\"run-param-window\">2h</code>", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"run-param-dry-run\">false</code>", page, StringComparison.Ordinal); // the unchecked box
        Assert.Contains("data-testid=\"run-param-region\">us</code>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_htmx_a_refusal_is_the_form_alone_retargeted_to_replace_the_form()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["reports/daily"] = ParamTaskFiles.Report });
        var token = await server.FormTokenAsync("/actions/run-now?task=reports%2Fdaily");

        using var refused = await Actions.PostFormAsync(server, "/actions/run-now", Fields(token, "soon"), htmx: true);
        var html = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("#run-now-params", refused.Headers.GetValues("HX-Retarget").Single());
        Assert.StartsWith("<form id=\"run-now-params\"", html.TrimStart(), StringComparison.Ordinal);
        Assert.Contains("data-testid=\"param-error-window\"", html, StringComparison.Ordinal);
    }

    private static List<KeyValuePair<string, string>> Fields(KeyValuePair<string, string> token, string window) =>
    [
        token,
        new("task", "reports/daily"),
        new("with-params", "1"),
        new("param.region", "us"),
        new("param.count", "3"),
        new("param.window", window),
        new("param.label", ""),
        new("param.dry-run", "false"),
        new("param.day", ""),
    ];
}
