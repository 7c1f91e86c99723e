using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Scheduler.Web.Security;

/// <summary>
/// Who the page's header says is signed in (<c>alice@example.com · operator</c>) and whether it offers sign-out,
/// or, for an anonymous reader in mode oidc, a sign-in link (<see cref="SignedIn"/> false).
/// </summary>
public sealed record CurrentUser(bool SignedIn, string Name, string Role, bool CanSignOut)
{
    /// <summary>Null when the header shows nothing: anonymous, with no sign-in to offer.</summary>
    public static CurrentUser? Of(HttpContext? context)
    {
        if (context?.User is { Identity: { IsAuthenticated: true, Name: { Length: > 0 } name, AuthenticationType: var type } } user)
        {
            return new CurrentUser(true, name, SchedulerIdentity.RoleOf(user) ?? "no role", type == AuthSchemes.Oidc);
        }

        return context?.RequestServices.GetService<AuthSettings>()?.Mode == AuthMode.Oidc ? new CurrentUser(false, "", "", false) : null;
    }
}
