using System.Text.Json;
using Microsoft.Playwright;

namespace Scheduler.Browser.Tests;

/// <summary>
/// axe-core (npm, pinned in this project's package.json), injected into the page from node_modules and run
/// there. The page's Content-Security-Policy forbids inline script, so the context that runs it bypasses CSP.
/// </summary>
internal static class Axe
{
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "axe.min.js");

    /// <summary>The serious and critical violations on the page, one line each: rule, impact, where.</summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = Script });
        var result = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const results = await axe.run(document, { resultTypes: ["violations"] });
              return results.violations
                .filter(v => v.impact === "serious" || v.impact === "critical")
                .map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", ")}`);
            }
            """);
        return [.. result.EnumerateArray().Select(v => v.GetString()!)];
    }
}
