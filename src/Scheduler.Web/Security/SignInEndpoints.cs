using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Scheduler.Web.Security;

/// <summary>
/// Mode <c>oidc</c>: <c>GET /auth/sign-in</c> (to the provider, back to a local page), <c>GET /auth/sign-out</c>
/// (a form, so another site cannot sign a user out with a link), <c>POST /auth/sign-out</c> (ends the session, and
/// the provider's when it offers an end-session endpoint) and <c>GET /auth/signed-out</c>.
/// </summary>
internal static class SignInEndpoints
{
    public const string SignedOutPath = "/auth/signed-out";

    public static void Map(IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/auth").ExcludeFromDescription().AllowAnonymous();
        auth.MapGet("/sign-in", (string? returnUrl) =>
            Results.Challenge(new AuthenticationProperties { RedirectUri = IsLocal(returnUrl) ? returnUrl : "/" }, [AuthSchemes.Oidc]));
        auth.MapGet("/sign-out", SignOutFormAsync);
        auth.MapPost("/sign-out", SignOutAsync);
        auth.MapGet("/signed-out", () => Results.Content(
            AuthPage.Render("Signed out", ["Your session with the scheduler has ended."], ("/auth/sign-in", "Sign in again")), "text/html; charset=utf-8"));
    }

    private static async Task<IResult> SignOutFormAsync(HttpContext context, IAntiforgery antiforgery, IOptionsMonitor<OpenIdConnectOptions> oidc)
    {
        if (await EndSessionAsync(context, oidc) is { } endSession)
        {
            // The form posts here and is then redirected to the provider: a browser checks that redirect against
            // this page's form-action, so this page allows the provider's end-session origin as well.
            context.Response.Headers.ContentSecurityPolicy = SecurityHeaders.ContentSecurityPolicy.Replace(
                "form-action 'self'", $"form-action 'self' {endSession.GetLeftPart(UriPartial.Authority)}", StringComparison.Ordinal);
        }

        var tokens = antiforgery.GetAndStoreTokens(context);
        var form = $"<form method=\"post\" action=\"/auth/sign-out\"><input type=\"hidden\" name=\"{tokens.FormFieldName}\" value=\"{tokens.RequestToken}\"><button type=\"submit\">Sign out</button></form>";
        var page = AuthPage.Render("Sign out", [$"Signed in as {context.User.Identity?.Name ?? "nobody"}."]);
        return Results.Content(page.Replace("</main>", form + "\n</main>", StringComparison.Ordinal), "text/html; charset=utf-8");
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery, IOptionsMonitor<OpenIdConnectOptions> oidc)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.Content(AuthPage.Render("Not signed out", ["The form's antiforgery token is missing or does not match; open /auth/sign-out and try again."]),
                "text/html; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        }

        await context.SignOutAsync(AuthSchemes.Cookie);
        return await EndSessionAsync(context, oidc) is null
            ? Results.Redirect(SignedOutPath)
            : Results.SignOut(new AuthenticationProperties { RedirectUri = SignedOutPath }, [AuthSchemes.Oidc]);
    }

    /// <summary>The provider's end-session endpoint, or null when it has none (then only this session ends).</summary>
    private static async Task<Uri?> EndSessionAsync(HttpContext context, IOptionsMonitor<OpenIdConnectOptions> oidc)
    {
        var manager = oidc.Get(AuthSchemes.Oidc).ConfigurationManager;
        var configuration = manager is null ? null : await manager.GetConfigurationAsync(context.RequestAborted);
        return Uri.TryCreate(configuration?.EndSessionEndpoint, UriKind.Absolute, out var uri) ? uri : null;
    }

    /// <summary>Only paths on this site: no scheme, no host, no <c>//</c> or <c>/\</c> that a browser reads as another host.</summary>
    internal static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
