using Microsoft.Playwright;

namespace Scheduler.Browser.Tests;

/// <summary>How the browser tests open pages: one size, locale and zone unless told, and the problems a page reports.</summary>
internal static class BrowserPages
{
    public static async Task<IBrowserContext> NewContextAsync(IBrowser browser, BrowserServer server, BrowserNewContextOptions options)
    {
        options.BaseURL = server.Address.ToString();
        options.ViewportSize ??= new ViewportSize { Width = 1280, Height = 900 };
        options.Locale = "en-GB";
        options.TimezoneId ??= "UTC";
        var context = await browser.NewContextAsync(options);
        context.SetDefaultTimeout(15_000);
        return context;
    }

    /// <summary>
    /// Script errors and failed requests (a Content-Security-Policy refusal shows as a console error), except the
    /// browser's own guess at /favicon.ico, which the site does not serve.
    /// </summary>
    public static List<string> WatchForProblems(IPage page)
    {
        var problems = new List<string>();
        page.PageError += (_, error) => problems.Add($"script error: {error}");
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Location.Contains("/favicon.ico", StringComparison.Ordinal))
            {
                problems.Add($"console error: {message.Text} ({message.Location})");
            }
        };
        return problems;
    }
}
