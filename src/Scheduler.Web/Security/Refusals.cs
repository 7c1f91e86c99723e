using System.Security.Claims;

namespace Scheduler.Web.Security;

/// <summary>The words of a refusal: why the request may not go on, and what to change, by mode and by role.</summary>
internal static class Refusals
{
    public const string SignInNeeded = "Sign-in needed";

    public static string[] Unauthenticated(AuthSettings settings, AnonymousAccess anonymous) => settings.Mode switch
    {
        AuthMode.None when !anonymous.LoopbackOnly =>
        [
            settings.AllowAnonymous
                ? "Anonymous users may only read here (Scheduler:Auth:AllowAnonymous): running and cancelling need the operator role, which needs sign-in."
                : "This scheduler listens beyond loopback and has no sign-in configured (Scheduler:Auth:Mode is none), so it serves nobody anonymously.",
            "To fix it, set Scheduler:Auth:Mode to oidc (with Scheduler:Auth:Oidc:Authority, ClientId and the client secret in the environment as Scheduler__Auth__Oidc__ClientSecret) " +
            "or to proxy behind an authenticating proxy (Scheduler:Auth:Proxy:UserHeader and TrustedNetworks); " +
            "or set Scheduler:Auth:AllowAnonymous=true to let anonymous users read (never act); or listen on 127.0.0.1 only. docs/operations.md shows each setup.",
        ],
        AuthMode.None =>
        [
            "Anonymous users may read this page but not act: acting needs the operator role.",
        ],
        AuthMode.Proxy =>
        [
            $"This scheduler expects an authenticating proxy to name the user in the {settings.Proxy!.UserHeader} header, and this request did not come through it " +
            "(the header was missing, or came from an address outside Scheduler:Auth:Proxy:TrustedNetworks and was ignored).",
            "Open the page through the proxy's address.",
        ],
        _ => ["Sign in to continue."],
    };

    public static string Forbidden(ClaimsPrincipal user, string role) =>
        $"{user.Identity?.Name ?? "this user"} has the {SchedulerIdentity.RoleOf(user) ?? "no"} role; this needs the {role} role. " +
        "Roles come from the identity provider or proxy (Scheduler:Auth:*:OperatorRoles, ViewerRoles) or the API token's Role.";
}
