using System.Security.Claims;

namespace Scheduler.Web.Security;

/// <summary>The identity every way in produces: a display name (an email, a user name or <c>token NAME</c>) and roles.</summary>
internal static class SchedulerIdentity
{
    public static ClaimsPrincipal Create(string authenticationType, string name, IEnumerable<string> roles)
    {
        var identity = new ClaimsIdentity(authenticationType, Roles.NameClaim, Roles.RoleClaim);
        identity.AddClaim(new Claim(Roles.NameClaim, name));
        foreach (var role in roles.Distinct(StringComparer.Ordinal))
        {
            identity.AddClaim(new Claim(Roles.RoleClaim, role));
        }

        return new ClaimsPrincipal(identity);
    }

    /// <summary>True when the signed-in user holds <paramref name="role"/>; an operator is also a viewer.</summary>
    public static bool Holds(ClaimsPrincipal user, string role) =>
        user.Identity?.IsAuthenticated == true
        && (user.HasClaim(Roles.RoleClaim, role) || (role == Roles.Viewer && user.HasClaim(Roles.RoleClaim, Roles.Operator)));

    /// <summary>The strongest role the user holds, for messages and the page header.</summary>
    public static string? RoleOf(ClaimsPrincipal user) =>
        Holds(user, Roles.Operator) ? Roles.Operator : Holds(user, Roles.Viewer) ? Roles.Viewer : null;
}
