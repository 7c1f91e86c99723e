using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Scheduler.Browser.Tests;

/// <summary>
/// A real OpenID Connect provider (OpenIddict's server, authorization code with PKCE) on a free loopback port,
/// for the scheduler to sign in through. It knows one client (<see cref="ClientId"/>, <see cref="ClientSecret"/>)
/// and two users on its login page: <c>alice@example.com</c> in the <c>ops</c> group and <c>bob@example.com</c>
/// in none. Degraded mode (no database): the client checks below stand in for a client store.
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    public const string ClientId = "scheduler";
    public const string ClientSecret = "provider-test-secret";

    private static readonly Dictionary<string, string[]> Users = new(StringComparer.Ordinal)
    {
        ["alice@example.com"] = ["ops", "staff"],
        ["bob@example.com"] = ["staff"],
    };

    private readonly WebApplication _app;

    private OidcProvider(WebApplication app, Uri authority)
    {
        _app = app;
        Authority = authority;
    }

    /// <summary>The issuer, e.g. <c>http://127.0.0.1:41235/</c>.</summary>
    public Uri Authority { get; }

    public static async Task<OidcProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddOpenIddict().AddServer(o =>
        {
            o.SetAuthorizationEndpointUris("authorize").SetTokenEndpointUris("token").SetEndSessionEndpointUris("end-session");
            o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            o.RegisterScopes(Scopes.OpenId, Scopes.Email, Scopes.Profile);
            o.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();
            o.EnableDegradedMode();
            o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableEndSessionEndpointPassthrough().DisableTransportSecurityRequirement();
            o.AddEventHandler<ValidateAuthorizationRequestContext>(h => h.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || !IsSchedulerCallback(context.RedirectUri, "/signin-oidc"))
                {
                    context.Reject(Errors.InvalidClient, $"unknown client {context.ClientId} or redirect_uri {context.RedirectUri}");
                }

                return default;
            }));
            o.AddEventHandler<ValidateTokenRequestContext>(h => h.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.Request.ClientSecret != ClientSecret)
                {
                    context.Reject(Errors.InvalidClient, "wrong client credentials");
                }

                return default;
            }));
            o.AddEventHandler<ValidateEndSessionRequestContext>(h => h.UseInlineHandler(context =>
            {
                if (context.PostLogoutRedirectUri is { } uri && !IsSchedulerCallback(uri, "/signout-callback-oidc"))
                {
                    context.Reject(Errors.InvalidRequest, $"unknown post_logout_redirect_uri {uri}");
                }

                return default;
            }));
        });

        var app = builder.Build();
        app.MapMethods("/authorize", [HttpMethods.Get, HttpMethods.Post], (Delegate)AuthorizeAsync);
        app.MapMethods("/end-session", [HttpMethods.Get, HttpMethods.Post], () =>
            Results.SignOut(new Microsoft.AspNetCore.Authentication.AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]));
        await app.StartAsync();
        return new OidcProvider(app, new Uri(app.Urls.First().TrimEnd('/') + "/"));
    }

    private static bool IsSchedulerCallback(string? uri, string path) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && IPAddress.TryParse(parsed.Host, out var host) && IPAddress.IsLoopback(host) && parsed.AbsolutePath == path;

    /// <summary>GET shows the login page (one button per user); its POST carries the request back with the chosen user.</summary>
    private static async Task<IResult> AuthorizeAsync(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("not an OpenID Connect request");
        var user = HttpMethods.IsPost(context.Request.Method) ? (await context.Request.ReadFormAsync())["login"].ToString() : "";
        if (!Users.TryGetValue(user, out var groups))
        {
            return Results.Content(LoginPage(request), "text/html; charset=utf-8");
        }

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user).SetClaim(Claims.Email, user).SetClaim(Claims.Name, user.Split('@')[0]);
        identity.SetClaims("roles", [.. groups]);
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static string LoginPage(OpenIddictRequest request)
    {
        var html = new StringBuilder("<!doctype html><html><head><title>Test provider</title></head><body><h1>Sign in to the test provider</h1><form method=\"post\">");
        foreach (var (name, value) in request.GetParameters())
        {
            html.Append("<input type=\"hidden\" name=\"").Append(WebUtility.HtmlEncode(name)).Append("\" value=\"")
                .Append(WebUtility.HtmlEncode(value.ToString())).Append("\">");
        }

        foreach (var user in Users.Keys)
        {
            html.Append("<button type=\"submit\" name=\"login\" value=\"").Append(user).Append("\">Sign in as ").Append(user).Append("</button>");
        }

        return html.Append("</form></body></html>").ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
