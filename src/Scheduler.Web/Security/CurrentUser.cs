using Microsoft.AspNetCore.Http;

namespace Scheduler.Web.Security;

/// <summary>Who the page says is signed in (<c>alice@example.com · operator</c>), and whether it offers sign-out.</summary>
internal sealed record CurrentUser(string Name, string Role, bool CanSignOut)
{
    /// <summary>Null for an anonymous request: the page then shows no user.</summary>
    public static CurrentUser? Of(HttpContext? context) =>
        context?.User is { Identity: { IsAuthenticated: true, Name: { Length: > 0 } name, AuthenticationType: var type } } user
            ? new CurrentUser(name, SchedulerIdentity.RoleOf(user) ?? "no role", type == AuthSchemes.Oidc)
            : null;
}
