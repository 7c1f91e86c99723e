using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Scheduler.Browser.Tests;

/// <summary>
/// Run now of a task with params in a real browser: its form opens from the task page, a bad value comes back beside
/// its field, a good one starts the run and the run page shows its parameters; with htmx and without script, by keyboard,
/// and the form is axe-clean.
/// </summary>
public sealed partial class RunNowParamsBrowserTests
{
    private static readonly Dictionary<string, string> Tasks = new()
    {
        ["reports/daily"] = """
            description: A report with parameters
            schedule:
              manual: true
            params:
              region: { type: choice, choices: [eu, us], default: eu, description: Which region's data to read }
              count: { type: int, default: 3 }
              window: { type: duration, required: true, description: How far back to look }
              label: { type: string, pattern: "[a-z]+", default: daily }
              dry-run: { type: bool, default: true }
              day: { type: date }
            shell: "echo region=$SCHEDULER_PARAM_REGION window={{ params.window }}"
            """,
    };

    static RunNowParamsBrowserTests() => SetDefaultExpectTimeout(15_000);

    [BrowserFact]
    public async Task The_form_shows_a_bad_value_beside_its_field_then_starts_the_run_with_its_parameters_by_keyboard_and_htmx()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var driver = playwright;
        await using var chromium = browser;
        await using var server = await BrowserServer.StartAsync(Tasks);
        await using var context = await BrowserPages.NewContextAsync(browser, server, new BrowserNewContextOptions { BypassCSP = true });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/tasks/reports/daily");
        await page.GetByTestId("run-now").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        // Commit, not Load: the form may arrive by htmx without a full page load, and the next line waits for its field.
        await page.WaitForURLAsync(new Regex(@"/actions/run-now\?task=reports%2Fdaily$"), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await Expect(page.GetByLabel("count")).ToHaveValueAsync("3");
        Assert.Empty(await Axe.SeriousViolationsAsync(page));

        await page.GetByLabel("window").FillAsync("soon");
        await page.GetByLabel("region").SelectOptionAsync("us");
        await page.GetByLabel("dry-run").UncheckAsync();
        await page.GetByLabel("window").PressAsync("Enter"); // Enter in a field submits the form
        await Expect(page.GetByTestId("param-error-window")).ToContainTextAsync("'soon' is not a duration");
        await Expect(page.GetByLabel("window")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("region")).ToHaveValueAsync("us"); // the values sent are kept
        Assert.Empty(await Axe.SeriousViolationsAsync(page));

        await page.GetByLabel("window").FillAsync("2h");
        await page.GetByTestId("run-now-submit").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("notice")).ToContainTextAsync("run now of reports/daily started as");
        await page.GetByTestId("notice").GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForURLAsync(RunPage());
        await Expect(page.GetByTestId("run-param-window")).ToHaveTextAsync("2h");
        await Expect(page.GetByTestId("run-param-region")).ToHaveTextAsync("us");
        await Expect(page.GetByTestId("run-param-dry-run")).ToHaveTextAsync("false");
        await Expect(page.GetByTestId("run-param-count")).ToHaveTextAsync("3");
        Assert.Empty(await Axe.SeriousViolationsAsync(page));
    }

    [BrowserFact]
    public async Task Without_script_the_form_posts_and_a_refusal_is_the_page_with_the_reason_beside_the_field()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var driver = playwright;
        await using var chromium = browser;
        await using var server = await BrowserServer.StartAsync(Tasks);
        await using var context = await BrowserPages.NewContextAsync(browser, server, new BrowserNewContextOptions { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/tasks/reports/daily");
        await page.GetByTestId("run-now").ClickAsync();
        await page.GetByLabel("window").FillAsync("soon");
        await page.GetByTestId("run-now-submit").ClickAsync();
        await Expect(page.GetByTestId("param-error-window")).ToContainTextAsync("'soon' is not a duration");
        await Expect(page.GetByTestId("notice")).ToContainTextAsync("did not start");

        await page.GetByLabel("window").FillAsync("45m");
        await page.GetByTestId("run-now-submit").ClickAsync();
        await page.WaitForURLAsync(RunPage());
        await Expect(page.GetByTestId("run-param-window")).ToHaveTextAsync("45m");
        await Expect(page.GetByTestId("run-param-label")).ToHaveTextAsync("daily");
    }

    [GeneratedRegex(@"/runs/\d+$")]
    private static partial Regex RunPage();
}
