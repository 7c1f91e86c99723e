namespace Scheduler.Web.Security;

/// <summary>
/// The two roles and the claim types of a signed-in user, whatever the way in (OpenID Connect, proxy, API token):
/// each way in builds the same identity shape (<see cref="SchedulerIdentity"/>).
/// </summary>
internal static class Roles
{
    /// <summary>Reads the page and the API.</summary>
    public const string Viewer = "viewer";

    /// <summary>Also runs now and cancels (and pauses and resumes).</summary>
    public const string Operator = "operator";

    public const string NameClaim = "scheduler:name";
    public const string RoleClaim = "scheduler:role";

    /// <summary>Null when <paramref name="value"/> is not a role; the roles are case-insensitive in settings.</summary>
    public static string? Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        Viewer => Viewer,
        Operator => Operator,
        _ => null,
    };
}
