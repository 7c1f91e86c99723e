using Microsoft.Playwright;

namespace Scheduler.Browser.Tests;

/// <summary>
/// Debian's chromium driven by Playwright for .NET. Playwright's own browser download is never used: the tests
/// launch <see cref="ExecutablePath"/> headless, with the network chatter of a desktop browser turned off.
/// </summary>
internal static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>Why the browser tests are skipped: only off CI and only when the browser is not installed.</summary>
    public static string? SkipReason =>
        File.Exists(ExecutablePath) || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
            ? null
            : $"{ExecutablePath} is missing: install it with `apt-get install chromium` (under CI, with CI set, a missing browser fails the test).";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        Assert.True(File.Exists(ExecutablePath), $"{ExecutablePath} is missing: .ci/run installs it with apt-get install chromium.");
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                ],
            });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }
}

/// <summary>A fact that needs chromium: skipped with the reason when <see cref="Chromium.SkipReason"/> says so.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Chromium.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
