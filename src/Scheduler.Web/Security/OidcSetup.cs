using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Scheduler.Web.Security;

/// <summary>
/// Mode <c>oidc</c>: ASP.NET Core's OpenID Connect handler (authorization code with PKCE) signs users in to a
/// cookie session. The code comes back in the query (a top-level GET), so the correlation cookies can be
/// <c>SameSite=Lax</c> and the flow works on plain http on loopback as well as behind TLS.
/// </summary>
internal static class OidcSetup
{
    public const string CallbackPath = "/signin-oidc";
    public const string SignedOutCallbackPath = "/signout-callback-oidc";

    /// <summary>The claims that may name the user, best first.</summary>
    private static readonly string[] NameClaims = ["email", "preferred_username", "name", "sub"];

    public static void Add(AuthenticationBuilder auth, OidcSettings settings)
    {
        // Behind a proxy that terminates TLS the request looks like http; the public https address decides instead.
        var secure = settings.PublicUrl?.Scheme == Uri.UriSchemeHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        auth.AddCookie(AuthSchemes.Cookie, o =>
        {
            o.Cookie.Name = "scheduler-session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = secure;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.ForwardChallenge = AuthSchemes.Oidc;
        });
        auth.AddOpenIdConnect(AuthSchemes.Oidc, o =>
        {
            o.SignInScheme = AuthSchemes.Cookie;
            o.Authority = settings.Authority;
            o.ClientId = settings.ClientId;
            o.ClientSecret = settings.ClientSecret;
            o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.UsePkce = true;
            o.MapInboundClaims = false;
            o.SaveTokens = true; // keeps the id token for the sign-out request's id_token_hint
            o.Scope.Clear();
            foreach (var scope in settings.Scopes)
            {
                o.Scope.Add(scope);
            }

            o.CallbackPath = CallbackPath;
            o.SignedOutCallbackPath = SignedOutCallbackPath;
            o.SignedOutRedirectUri = SignInEndpoints.SignedOutPath;
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = secure;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SecurePolicy = secure;
            o.Events.OnTokenValidated = context =>
            {
                context.Principal = Identity(context.Principal!, settings);
                return Task.CompletedTask;
            };
        });
    }

    /// <summary>The provider's user as the scheduler's identity: email, else user name, else subject; roles by <see cref="RoleMap"/>.</summary>
    public static ClaimsPrincipal Identity(ClaimsPrincipal provided, OidcSettings settings)
    {
        var name = NameClaims.Select(provided.FindFirst).FirstOrDefault(c => !string.IsNullOrWhiteSpace(c?.Value))?.Value ?? "unknown";
        var values = provided.FindAll(settings.RoleClaim).Select(c => c.Value);
        return SchedulerIdentity.Create(AuthSchemes.Oidc, name, settings.Roles.RolesFor(name, values));
    }
}
