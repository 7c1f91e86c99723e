using Microsoft.Playwright;

namespace Scheduler.Browser.Tests;

/// <summary>
/// The screenshots in docs/screenshots, written only when <c>UPDATE_SCREENSHOTS=1</c> so a test run does not
/// change the tree: <c>UPDATE_SCREENSHOTS=1 dotnet test tests/Scheduler.Browser.Tests</c>.
/// </summary>
internal static class Screenshots
{
    public static bool Enabled => Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1";

    public static async Task TakeAsync(IPage page, string name, bool fullPage = false)
    {
        if (!Enabled)
        {
            return;
        }

        var options = new PageScreenshotOptions { Path = Path.Combine(Folder(), name + ".png"), Animations = ScreenshotAnimations.Disabled };
        if (fullPage)
        {
            // The whole height, but only the viewport's width: what a phone shows (an element sticking out to the
            // side would otherwise widen the picture).
            var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
            options.FullPage = true;
            options.Clip = new Clip { X = 0, Y = 0, Width = page.ViewportSize!.Width, Height = height };
        }

        await page.ScreenshotAsync(options);
    }

    private static string Folder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Scheduler.sln")))
            {
                return Directory.CreateDirectory(Path.Combine(dir.FullName, "docs", "screenshots")).FullName;
            }
        }

        throw new InvalidOperationException($"no Scheduler.sln above {AppContext.BaseDirectory}");
    }
}
