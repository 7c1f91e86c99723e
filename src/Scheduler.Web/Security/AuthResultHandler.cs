using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Scheduler.Web.Api;

namespace Scheduler.Web.Security;

/// <summary>
/// Answers a request the policies refused: the API with JSON (401 with a Bearer challenge, or 403), the page with a
/// short page that says why and what to set. In mode <c>oidc</c> a page request that has not signed in is sent to
/// the provider instead (only for plain GETs: a form post or an htmx poll cannot follow a sign-in).
/// </summary>
internal sealed class AuthResultHandler(AuthSettings settings, AnonymousAccess anonymous) : IAuthorizationMiddlewareResultHandler
{
    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded)
        {
            await next(context);
            return;
        }

        var role = policy.Requirements.OfType<RoleRequirement>().FirstOrDefault()?.Role ?? Roles.Viewer;
        var api = context.Request.Path.StartsWithSegments("/api") || policy.AuthenticationSchemes.Contains(AuthSchemes.ApiToken);
        if (authorizeResult.Forbidden)
        {
            var reason = Refusals.Forbidden(context.User, role);
            await (api ? JsonAsync(context, StatusCodes.Status403Forbidden, reason) : PageAsync(context, StatusCodes.Status403Forbidden, "Not allowed", [reason]));
            return;
        }

        if (api)
        {
            await ApiChallengeAsync(context, policy);
            return;
        }

        if (settings.Mode == AuthMode.Oidc && HttpMethods.IsGet(context.Request.Method) && !context.Request.Headers.ContainsKey("HX-Request"))
        {
            var returnTo = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
            await context.ChallengeAsync(AuthSchemes.Oidc, new AuthenticationProperties { RedirectUri = returnTo });
            return;
        }

        var link = settings.Mode == AuthMode.Oidc ? ("/auth/sign-in", "Sign in") : ((string, string)?)null;
        await PageAsync(context, StatusCodes.Status401Unauthorized, Refusals.SignInNeeded, Refusals.Unauthenticated(settings, anonymous), link);
    }

    private Task ApiChallengeAsync(HttpContext context, AuthorizationPolicy policy)
    {
        var writes = policy.AuthenticationSchemes.Contains(AuthSchemes.ApiToken);
        if (writes && !settings.Tokens.IsConfigured)
        {
            return JsonAsync(context, StatusCodes.Status403Forbidden,
                "API writes are disabled: set Scheduler:Api:Tokens:NAME (Hash and Role) or Scheduler:Api:Token to allow them, or use the status page");
        }

        context.Response.Headers.WWWAuthenticate = "Bearer";
        var sentToken = context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        var reason = sentToken ? "the API token is wrong"
            : writes ? "send an API token with the operator role as 'Authorization: Bearer TOKEN'"
            : "sign in, or send an API token as 'Authorization: Bearer TOKEN'. " + string.Join(" ", Refusals.Unauthenticated(settings, anonymous));
        return JsonAsync(context, StatusCodes.Status401Unauthorized, reason);
    }

    private static Task JsonAsync(HttpContext context, int status, string reason)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ReasonJson(reason), context.RequestAborted);
    }

    private static Task PageAsync(HttpContext context, int status, string heading, IEnumerable<string> paragraphs, (string, string)? link = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(AuthPage.Render(heading, paragraphs, link), context.RequestAborted);
    }
}
