namespace Scheduler.Web.Security;

/// <summary>
/// The authorization policies endpoints attach. <see cref="Operator"/> is the one every write on the page reuses
/// (run now, cancel, and pause and resume when they come); <see cref="ApiWrite"/> is the same role through an API
/// token only, so a browser's session cookie can never be replayed against the API by another site.
/// </summary>
public static class AuthPolicies
{
    public const string Viewer = "viewer";
    public const string Operator = "operator";
    public const string ApiWrite = "api-write";

    /// <summary>The rate limiter policy of every write endpoint (page actions and API writes).</summary>
    public const string WriteRateLimit = "writes";
}
