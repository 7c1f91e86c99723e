namespace Scheduler.Web.Security;

/// <summary>
/// Turns what an identity provider or proxy says about a user (role or group values, and the user name itself)
/// into the scheduler's roles: operator when any value is in <see cref="OperatorRoles"/>; viewer when any is in
/// <see cref="ViewerRoles"/>, or when that list is empty (signing in at all is then enough to read).
/// </summary>
internal sealed record RoleMap(IReadOnlyList<string> OperatorRoles, IReadOnlyList<string> ViewerRoles)
{
    public IReadOnlyList<string> RolesFor(string user, IEnumerable<string> values)
    {
        var given = new HashSet<string>(values.Select(v => v.Trim()).Where(v => v.Length > 0), StringComparer.OrdinalIgnoreCase) { user };
        var roles = new List<string>(2);
        if (OperatorRoles.Any(given.Contains))
        {
            roles.Add(Roles.Operator);
        }

        if (ViewerRoles.Count == 0 || ViewerRoles.Any(given.Contains))
        {
            roles.Add(Roles.Viewer);
        }

        return roles;
    }
}
