using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Scheduler.Browser.Tests;

/// <summary>
/// Finding a task, the live stream (a run appears, its output grows and it finishes without a reload), the
/// timeline, the failures view, and axe-core on every page in light and dark. With <c>UPDATE_SCREENSHOTS=1</c>
/// it also writes the screenshots of the timeline, the failures, the search and the live run page.
/// </summary>
public sealed partial class SecondEditionBrowserTests
{
    private static readonly Dictionary<string, string> Tasks = new()
    {
        ["greetings/reply"] = """
            description: Replies after each hello
            schedule:
              after: hello
              on: finished
            shell: 'echo "hello back"'
            """,
        ["hello"] = """
            description: Says hello twice, two seconds apart
            schedule:
              manual: true
            shell: 'echo "line one"; sleep 2; echo "line two"; sleep 2'
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

    static SecondEditionBrowserTests() => SetDefaultExpectTimeout(15_000);

    [BrowserFact]
    public async Task Slash_focuses_the_search_and_text_and_folder_narrow_the_overview_through_the_url()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var driver = playwright;
        await using var chromium = browser;
        await using var server = await BrowserServer.StartAsync(Tasks);
        await using var context = await BrowserPages.NewContextAsync(browser, server, new BrowserNewContextOptions());
        var page = await context.NewPageAsync();
        var problems = BrowserPages.WatchForProblems(page);

        await page.GotoAsync("/");
        await page.Keyboard.PressAsync("/");
        await Expect(page.GetByTestId("find-text")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("disk");
        await Expect(page.GetByTestId("find-text")).ToHaveValueAsync("disk");
        await page.GetByTestId("find").GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        // The URL is the view; the content is awaited below, so the navigation only needs to have begun (a loaded
        // machine can hold the load event back longer than the expectations wait).
        await page.WaitForURLAsync(new Regex(@"\?q=disk(&|$)"), new() { WaitUntil = WaitUntilState.Commit, Timeout = 30_000 });
        await Expect(page.GetByTestId("task-row-checks/disk")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("task-row-hello")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("shown")).ToContainTextAsync("1 of ");
        await Screenshots.TakeAsync(page, "search");

        await page.GotoAsync("/?folder=reports");
        await Expect(page.GetByTestId("task-row-reports/weekly")).ToContainTextAsync("Mondays at 07:00, Europe/Berlin");
        await Expect(page.GetByTestId("task-row-checks/disk")).ToHaveCountAsync(0);
        await page.GetByTestId("find-clear").ClickAsync();
        await Expect(page.GetByTestId("task-row-hello")).ToBeVisibleAsync();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [BrowserFact]
    public async Task A_run_appears_on_the_overview_and_its_page_shows_the_output_growing_until_it_succeeds_without_a_reload()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var driver = playwright;
        await using var chromium = browser;
        await using var server = await BrowserServer.StartAsync(Tasks);
        await using var context = await BrowserPages.NewContextAsync(browser, server, new BrowserNewContextOptions());
        var page = await context.NewPageAsync();
        var problems = BrowserPages.WatchForProblems(page);
        var navigations = 0;
        page.FrameNavigated += (_, frame) => navigations += frame == page.MainFrame ? 1 : 0;

        await page.GotoAsync("/");
        await page.WaitForFunctionAsync("() => typeof window.htmx === 'object'");
        await page.GetByTestId("run-now-hello").ClickAsync();
        await Expect(page.GetByTestId("task-row-hello").Locator("a.status")).ToHaveTextAsync("running");
        // Every instant also in the reader's zone, on hover: page.js sets the title when htmx has settled the swapped row.
        await Expect(page.GetByTestId("task-row-hello").Locator("time").First).ToHaveAttributeAsync("title", new Regex("your time:"));

        var run = await page.GetByTestId("task-row-hello").Locator("a.status").GetAttributeAsync("href");
        await page.GotoAsync(run!);
        await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("running");
        await Expect(page.GetByTestId("run-output")).ToContainTextAsync("line one");
        await Screenshots.TakeAsync(page, "run-live");
        await Expect(page.GetByTestId("run-output")).ToContainTextAsync("line one\nline two");
        await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("succeeded");
        Assert.Equal(2, navigations); // the overview and the run page: nothing reloaded
        await Expect(page.GetByTestId("download-output")).ToHaveAttributeAsync("href", run + "/output");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [BrowserFact]
    public async Task The_timeline_and_the_failures_view_show_a_failed_run_and_link_to_it()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var driver = playwright;
        await using var chromium = browser;
        await using var server = await BrowserServer.StartAsync(Tasks);
        await using var context = await BrowserPages.NewContextAsync(browser, server, new BrowserNewContextOptions());
        var page = await context.NewPageAsync();
        var problems = BrowserPages.WatchForProblems(page);
        await page.GotoAsync("/tasks/checks/disk");
        await page.GetByTestId("run-now").ClickAsync();
        await Expect(page.GetByTestId("task-state")).ToHaveTextAsync("failing");

        await page.GotoAsync("/timeline");
        var strip = page.GetByTestId("timeline-row-checks/disk");
        await Expect(strip.Locator("rect.bar.status-failed")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("timeline-row-checks/disk").Locator("path.mark.upcoming")).ToHaveAttributeAsync("data-count", "24");
        await Screenshots.TakeAsync(page, "timeline", fullPage: true);

        await page.GotoAsync("/failures");
        var group = page.GetByTestId("failures-of-checks/disk");
        await Expect(group).ToContainTextAsync("disk check: /var is 97% full");
        await Screenshots.TakeAsync(page, "failures", fullPage: true);
        await group.Locator("a.status").First.ClickAsync();
        await page.WaitForURLAsync(RunPage(), new() { WaitUntil = WaitUntilState.Commit });
        await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("failed");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [BrowserFact]
    public async Task Axe_finds_no_serious_or_critical_violation_on_any_page_in_light_or_dark_or_at_800_by_600()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var driver = playwright;
        await using var chromium = browser;
        await using var server = await BrowserServer.StartAsync(Tasks);
        var violations = new List<string>();
        await using (var setup = await BrowserPages.NewContextAsync(browser, server, new BrowserNewContextOptions()))
        {
            var page = await setup.NewPageAsync();
            await page.GotoAsync("/tasks/checks/disk");
            await page.GetByTestId("run-now").ClickAsync();
            await Expect(page.GetByTestId("task-state")).ToHaveTextAsync("failing");
        }

        var looks = new (string Name, BrowserNewContextOptions Options)[]
        {
            ("light", new BrowserNewContextOptions { BypassCSP = true, ColorScheme = ColorScheme.Light }),
            ("dark", new BrowserNewContextOptions { BypassCSP = true, ColorScheme = ColorScheme.Dark }),
            ("800x600", new BrowserNewContextOptions { BypassCSP = true, ViewportSize = new ViewportSize { Width = 800, Height = 600 } }),
        };
        foreach (var (name, options) in looks)
        {
            await using var context = await BrowserPages.NewContextAsync(browser, server, options);
            var page = await context.NewPageAsync();
            await page.GotoAsync("/failures");
            var run = await page.GetByTestId("failures-of-checks/disk").Locator("a.status").First.GetAttributeAsync("href");
            foreach (var path in (string[])["/", "/?q=disk", "/tasks/checks/disk", "/tasks/hello", run!, "/timeline", "/failures", "/graph", "/tasks/greetings/reply"])
            {
                await page.GotoAsync(path);
                violations.AddRange((await Axe.SeriousViolationsAsync(page)).Select(v => $"{name} {path}: {v}"));
            }
        }

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [GeneratedRegex(@"/runs/\d+$")]
    private static partial Regex RunPage();
}
