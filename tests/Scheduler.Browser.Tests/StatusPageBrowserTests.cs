using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Scheduler.Browser.Tests;

/// <summary>
/// The status page in a real headless chromium against the real serve host: the page's event stream shows a run
/// start and end without a reload, and with JavaScript off the pages and the Run now form still work. With
/// <c>UPDATE_SCREENSHOTS=1</c> the first test also writes the screenshots in docs/screenshots.
/// </summary>
public sealed partial class StatusPageBrowserTests
{
    private const string Hello = "hello from the browser test";

    private static readonly Dictionary<string, string> Tasks = new()
    {
        // sleep 3: long enough to be seen running on the overview, whose stream reports changes within about a second.
        ["hello"] = """
            description: Says hello to the browser test, then sleeps a little
            schedule:
              manual: true
            shell: 'echo "hello from the browser test"; sleep 3'
            """,
        ["checks/disk"] = """
            description: Checks the free disk space; fails on purpose
            schedule:
              every: 1h
            catch-up: none
            shell: "echo 'checking /var'; echo 'disk check: /var is 97% full' >&2; exit 3"
            """,
        ["reports/weekly"] = """
            description: Weekly report, Monday morning in Berlin
            schedule:
              cron: "0 7 * * 1"
              timezone: Europe/Berlin
            shell: "echo report written"
            """,
    };

    static StatusPageBrowserTests() => SetDefaultExpectTimeout(15_000);

    [BrowserFact]
    public async Task Run_now_shows_the_run_running_then_succeeded_without_a_reload_and_the_run_page_shows_its_output()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var driver = playwright;
        await using var chromium = browser;
        await using var server = await BrowserServer.StartAsync(Tasks);
        await using var context = await BrowserPages.NewContextAsync(browser, server, new BrowserNewContextOptions());
        var page = await context.NewPageAsync();
        var problems = BrowserPages.WatchForProblems(page);

        // The failing task first, from its own page, whose live part polls too.
        await page.GotoAsync("/tasks/checks/disk");
        await page.GetByTestId("run-now").ClickAsync();
        await Expect(page.GetByTestId("notice")).ToContainTextAsync("run now of checks/disk started as");
        await Expect(page.GetByTestId("runs-table").Locator("[data-testid^='run-status-']")).ToHaveTextAsync(["failed"]);
        await Expect(page.GetByTestId("task-state")).ToHaveTextAsync("failing");

        await page.GotoAsync("/");
        await Expect(page.GetByTestId("task-row-hello")).ToContainTextAsync("Says hello to the browser test");
        await Expect(page.GetByTestId("task-row-checks/disk")).ToContainTextAsync("Checks the free disk space");
        await Expect(page.GetByTestId("task-row-reports/weekly")).ToContainTextAsync("Europe/Berlin");
        await Expect(page.GetByTestId("task-state-hello")).ToHaveTextAsync("ok");
        await Expect(page.GetByTestId("task-state-checks/disk")).ToHaveTextAsync("failing");
        await Expect(page.GetByTestId("config-error-count")).ToHaveTextAsync("0");
        await page.WaitForFunctionAsync("() => typeof window.htmx === 'object'");
        await page.EvaluateAsync("() => { window.__marker = 'still the same page'; }");
        var navigations = 0;
        page.FrameNavigated += (_, frame) => navigations += frame == page.MainFrame ? 1 : 0;

        await page.GetByTestId("run-now-hello").ClickAsync();
        await Expect(page.GetByTestId("notice")).ToContainTextAsync("run now of hello started as");

        var lastRun = page.GetByTestId("task-row-hello").Locator("a.status");
        await Expect(lastRun).ToHaveTextAsync("running");
        await Expect(page.GetByTestId("task-state-hello")).ToHaveTextAsync("running");
        await Expect(lastRun).ToHaveTextAsync("succeeded");
        await Expect(page.GetByTestId("task-state-hello")).ToHaveTextAsync("ok");
        await Expect(page.GetByTestId("task-row-checks/disk").Locator("a.status")).ToHaveTextAsync("failed");
        Assert.Equal("still the same page", await page.EvaluateAsync<string?>("() => window.__marker ?? null"));
        Assert.Equal(0, navigations);
        await Screenshots.TakeAsync(page, "overview");

        await page.GetByTestId("notice").GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForURLAsync(RunPage());
        await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("succeeded");
        await Expect(page.GetByTestId("run-output")).ToContainTextAsync(Hello);
        await Screenshots.TakeAsync(page, "run");

        await page.GotoAsync("/tasks/hello");
        await Expect(page.GetByTestId("task-id")).ToHaveTextAsync("hello");
        await Expect(page.GetByTestId("runs-table").Locator("[data-testid^='run-status-']")).ToHaveTextAsync(["succeeded"]);
        await Expect(page.GetByTestId("duration-chart")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("run-now")).ToBeVisibleAsync();
        await Screenshots.TakeAsync(page, "task");

        await page.GotoAsync("/tasks/checks/disk");
        await Expect(page.GetByTestId("task-state")).ToHaveTextAsync("failing");
        await Screenshots.TakeAsync(page, "task-failing");

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        if (Screenshots.Enabled)
        {
            await TakeOverviewAsync(browser, server, "overview-phone", new BrowserNewContextOptions
            {
                ViewportSize = new ViewportSize { Width = 390, Height = 844 },
                DeviceScaleFactor = 2,
                IsMobile = true,
                HasTouch = true,
            });
            await TakeOverviewAsync(browser, server, "overview-dark", new BrowserNewContextOptions { ColorScheme = ColorScheme.Dark });
        }
    }

    [BrowserFact]
    public async Task Actions_in_a_row_on_one_page_each_answer_with_their_notice_including_a_refusal()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var driver = playwright;
        await using var chromium = browser;
        await using var server = await BrowserServer.StartAsync(Tasks);
        await using var context = await BrowserPages.NewContextAsync(browser, server, new BrowserNewContextOptions());
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.WaitForFunctionAsync("() => typeof window.htmx === 'object'");

        await page.GetByTestId("run-now-hello").ClickAsync();
        await Expect(page.GetByTestId("notice")).ToContainTextAsync("run now of hello started as");
        // hello sleeps 3 s under overlap: forbid, so a second Run now is refused (409) and the reason is shown.
        await page.GetByTestId("run-now-hello").ClickAsync();
        await Expect(page.GetByTestId("notice")).ToContainTextAsync("run now of hello did not start:");
        await page.GetByTestId("run-now-reports/weekly").ClickAsync();

        await Expect(page.GetByTestId("notice")).ToContainTextAsync("run now of reports/weekly started as");
        await Expect(page.Locator("#notice[role=status]")).ToHaveCountAsync(1);
    }

    [BrowserFact]
    public async Task With_JavaScript_off_the_pages_render_and_the_run_now_form_posts_and_redirects_to_the_run()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var driver = playwright;
        await using var chromium = browser;
        await using var server = await BrowserServer.StartAsync(Tasks);
        await using var context = await BrowserPages.NewContextAsync(browser, server, new BrowserNewContextOptions { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        var posts = new List<(string Url, int Status)>();
        page.Response += (_, response) =>
        {
            if (response.Request.Method == "POST")
            {
                posts.Add((new Uri(response.Url).AbsolutePath, response.Status));
            }
        };

        await page.GotoAsync("/");
        await Expect(page.GetByTestId("task-row-hello")).ToContainTextAsync("Says hello to the browser test");
        await Expect(page.GetByTestId("task-row-reports/weekly")).ToContainTextAsync("Europe/Berlin");
        await Expect(page.GetByTestId("run-now-hello")).ToBeVisibleAsync();

        await page.GetByTestId("task-link-hello").ClickAsync();
        await page.WaitForURLAsync(new Regex("/tasks/hello$"));
        await Expect(page.GetByTestId("task-id")).ToHaveTextAsync("hello");
        await Expect(page.GetByTestId("runs-table")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("definition")).ToContainTextAsync(Hello);

        await page.GetByTestId("run-now").ClickAsync();
        await page.WaitForURLAsync(RunPage());

        Assert.Equal([("/actions/run-now", 302)], posts);
        await Expect(page.GetByTestId("run-status")).ToHaveTextAsync(new Regex("^(running|succeeded)$"));
        await Expect(page.GetByTestId("notice")).ToHaveCountAsync(0);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (await page.GetByTestId("run-status").TextContentAsync() != "succeeded")
        {
            Assert.True(DateTime.UtcNow < deadline, "the run did not succeed within 20 s");
            await Task.Delay(500);
            await page.ReloadAsync(); // no htmx here: a reload is how the page updates
        }

        await Expect(page.GetByTestId("run-output")).ToContainTextAsync(Hello);
        Assert.Single(posts); // the reloads did not post again (post/redirect/get)
    }

    private static async Task TakeOverviewAsync(IBrowser browser, BrowserServer server, string name, BrowserNewContextOptions options)
    {
        await using var context = await BrowserPages.NewContextAsync(browser, server, options);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page.GetByTestId("task-state-hello")).ToHaveTextAsync("ok");
        await Screenshots.TakeAsync(page, name, fullPage: true);
    }

    [GeneratedRegex(@"/runs/\d+$")]
    private static partial Regex RunPage();
}
