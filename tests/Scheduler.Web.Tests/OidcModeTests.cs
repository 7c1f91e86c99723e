using System.Net;

namespace Scheduler.Web.Tests;

/// <summary>Mode oidc without a provider round trip (the browser tests sign in through a real one): what anonymous callers get.</summary>
public sealed class OidcModeTests
{
    private static Dictionary<string, string?> Oidc(bool allowAnonymous) => new()
    {
        ["Scheduler:Auth:Mode"] = "oidc",
        // Never contacted here: the handler reads the provider's metadata only when it sends someone to sign in.
        ["Scheduler:Auth:Oidc:Authority"] = "https://login.invalid/realms/main",
        ["Scheduler:Auth:Oidc:ClientId"] = "scheduler",
        ["Scheduler:Auth:AllowAnonymous"] = allowAnonymous ? "true" : "false",
    };

    [Fact]
    public async Task With_anonymous_reading_allowed_the_page_offers_sign_in_and_an_action_answers_401_with_a_sign_in_link()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["hello"] = TaskFiles.Manual() }, settings: Oidc(allowAnonymous: true));
        var token = await server.FormTokenAsync();

        var page = await server.GetTextAsync("/");
        using var action = await Actions.PostFormAsync(server, "/actions/run-now", [token, new("task", "hello")]);

        Assert.Contains("<a href=\"/auth/sign-in\">Sign in</a>", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, action.StatusCode);
        Assert.Contains("href=\"/auth/sign-in\"", await action.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await server.Runs.ListRunsAsync("hello", 10, null, default));
    }

    [Fact]
    public async Task Api_reads_without_a_session_or_token_answer_401_with_a_bearer_challenge_instead_of_a_redirect()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["hello"] = TaskFiles.Manual() }, settings: Oidc(allowAnonymous: false));

        using var api = await server.Client.GetAsync(new Uri("/api/tasks", UriKind.Relative));
        using var poll = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative));
        poll.Headers.Add("HX-Request", "true");
        using var htmx = await server.Client.SendAsync(poll);

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("Bearer", api.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, htmx.StatusCode);
    }
}
