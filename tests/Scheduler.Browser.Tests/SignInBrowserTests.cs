using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Scheduler.Browser.Tests;

/// <summary>
/// Mode oidc in a real browser against a real OpenID Connect provider (<see cref="OidcProvider"/>): the page sends
/// the user to the provider's login, comes back signed in and shows who; a viewer reads but cannot run, an
/// operator runs a task, and sign-out ends the session at the scheduler and at the provider.
/// </summary>
public sealed class SignInBrowserTests
{
    private static readonly Dictionary<string, string> Tasks = new()
    {
        ["hello"] = """
            description: Says hello to whoever signed in
            schedule:
              manual: true
            shell: 'echo "hello after sign-in"'
            """,
    };

    static SignInBrowserTests() => SetDefaultExpectTimeout(30_000);

    private static Dictionary<string, string?> Oidc(OidcProvider provider) => new()
    {
        ["Scheduler:Auth:Mode"] = "oidc",
        ["Scheduler:Auth:Oidc:Authority"] = provider.Authority.ToString(),
        ["Scheduler:Auth:Oidc:ClientId"] = OidcProvider.ClientId,
        ["Scheduler:Auth:Oidc:ClientSecret"] = OidcProvider.ClientSecret,
        ["Scheduler:Auth:Oidc:RequireHttpsMetadata"] = "false", // the test provider speaks http on loopback
        ["Scheduler:Auth:Oidc:OperatorRoles"] = "ops",
        ["Scheduler:Auth:Oidc:ViewerRoles"] = "staff",
    };

    /// <summary>
    /// The first sign-in loads the provider's metadata and keys and compiles a good deal of code; on a loaded
    /// machine that alone has taken over 10 s, hence the longer timeouts.
    /// </summary>
    private static async Task<IBrowserContext> NewContextAsync(IBrowser browser, BrowserServer server)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.Address.ToString() });
        context.SetDefaultTimeout(30_000);
        context.SetDefaultNavigationTimeout(90_000);
        return context;
    }

    [BrowserFact]
    public async Task A_viewer_signs_in_through_the_provider_and_sees_the_page_but_run_now_answers_403()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var driver = playwright;
        await using var chromium = browser;
        await using var provider = await OidcProvider.StartAsync();
        await using var server = await BrowserServer.StartAsync(Tasks, Oidc(provider));
        await using var context = await NewContextAsync(browser, server);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/tasks/hello");
        await Expect(page.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Sign in to the test provider");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in as bob@example.com" }).ClickAsync();

        await page.WaitForURLAsync(new Uri(server.Address, "tasks/hello").ToString());
        await Expect(page.Locator("header .user")).ToContainTextAsync("bob@example.com · viewer");
        await Expect(page.GetByTestId("task-id")).ToHaveTextAsync("hello");
        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByTestId("run-now").ClickAsync(), r => r.Url.EndsWith("/actions/run-now", StringComparison.Ordinal));
        Assert.Equal(403, response.Status);
        Assert.Contains("bob@example.com has the viewer role; this needs the operator role", await response.TextAsync(), StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task An_operator_signs_in_runs_a_task_is_named_in_the_audit_and_signs_out()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var driver = playwright;
        await using var chromium = browser;
        await using var provider = await OidcProvider.StartAsync();
        await using var server = await BrowserServer.StartAsync(Tasks, Oidc(provider));
        await using var context = await NewContextAsync(browser, server);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/tasks/hello");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in as alice@example.com" }).ClickAsync();
        await Expect(page.Locator("header .user")).ToContainTextAsync("alice@example.com · operator");
        await page.GetByTestId("run-now").ClickAsync();

        await Expect(page.GetByTestId("notice")).ToContainTextAsync("run now of hello started as");
        await Expect(page.GetByTestId("runs-table").Locator("[data-testid^='run-status-']")).ToHaveTextAsync(["succeeded"]);
        // The audit is not part of the live stream (only rows and facts that change are): a reload shows the new entry.
        await page.ReloadAsync();
        await Expect(page.Locator("body")).ToContainTextAsync("alice@example.com (127.0.0.1 via page)");

        await page.GetByRole(AriaRole.Link, new() { Name = "Sign out" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(new Uri(server.Address, "auth/signed-out").ToString());
        await Expect(page.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Signed out");
        var after = await page.APIRequest.GetAsync("/api/tasks");
        Assert.Equal(401, after.Status);
    }
}
