using Microsoft.AspNetCore.Http;

namespace Scheduler.Web.Security;

/// <summary>
/// Refuses page actions that a browser says come from another site, before the antiforgery check: the
/// <c>Origin</c> header (sent with every cross-origin POST) must name this host, and <c>Sec-Fetch-Site</c>, when
/// sent, must not be <c>cross-site</c> or <c>same-site</c>.
/// </summary>
internal static class SameOrigin
{
    /// <summary>Null when allowed; otherwise why not.</summary>
    public static string? Refusal(HttpRequest request)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite is "cross-site" or "same-site")
        {
            return $"the request came from another site (Sec-Fetch-Site: {fetchSite})";
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return null; // not a browser, or an old one: the antiforgery token still has to match
        }

        var own = $"{request.Scheme}://{request.Host}";
        return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"the request came from another origin ({origin}, this page is {own})";
    }
}
