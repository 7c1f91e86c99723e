using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Scheduler.Web.Security;

/// <summary>
/// Registers who may act: the schemes of <see cref="AuthSettings.Mode"/> plus API tokens, the <c>viewer</c>,
/// <c>operator</c> and <c>api-write</c> policies (<c>viewer</c> is the fallback, so every endpoint that does not
/// say otherwise needs at least reading rights), the refusal answers and the write rate limit.
/// </summary>
internal static class AuthSetup
{
    public static void Add(IServiceCollection services, AuthSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton<AnonymousAccess>();
        services.AddSingleton<IAuthorizationHandler, RoleAuthorizationHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuthResultHandler>();
        var auth = services.AddAuthentication(AuthSchemes.Default)
            .AddPolicyScheme(AuthSchemes.Default, "Scheduler", o => o.ForwardDefaultSelector = context => SchemeFor(context, settings.Mode))
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(AuthSchemes.ApiToken, null);
        if (settings.Mode == AuthMode.Proxy)
        {
            auth.AddScheme<AuthenticationSchemeOptions, ProxyHandler>(AuthSchemes.Proxy, null);
        }

        if (settings.Oidc is { } oidc)
        {
            OidcSetup.Add(auth, oidc);
        }

        services.AddAuthorizationBuilder()
            .AddPolicy(AuthPolicies.Viewer, p => p.AddRequirements(new RoleRequirement(Roles.Viewer, AnonymousMayQualify: true)))
            .AddPolicy(AuthPolicies.Operator, p => p.AddRequirements(new RoleRequirement(Roles.Operator, AnonymousMayQualify: true)))
            .AddPolicy(AuthPolicies.ApiWrite, p => p.AddAuthenticationSchemes(AuthSchemes.ApiToken).AddRequirements(new RoleRequirement(Roles.Operator, AnonymousMayQualify: false)))
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().AddRequirements(new RoleRequirement(Roles.Viewer, AnonymousMayQualify: true)).Build());
        WriteRateLimiting.Add(services, settings.WriteLimit);
    }

    /// <summary>After static files (the refusal page uses the stylesheet) and before every endpoint.</summary>
    public static void Use(WebApplication app, AuthSettings settings)
    {
        UseSchemeOfProxy(app, settings);
        app.UseAuthentication();
        app.UseAuthorization();
        WriteRateLimiting.Use(app);
        if (settings.Mode == AuthMode.Oidc)
        {
            SignInEndpoints.Map(app);
        }

        // Said once the addresses are bound: whether anonymous users may act depends on them.
        var anonymous = app.Services.GetRequiredService<AnonymousAccess>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AuthSetup).FullName!);
        app.Lifetime.ApplicationStarted.Register(() => WebLog.AuthMode(logger, settings.Mode.ToString().ToLowerInvariant(), anonymous.Role switch
        {
            Roles.Operator => "operators (every address is loopback)",
            Roles.Viewer => "viewers (Scheduler:Auth:AllowAnonymous)",
            _ => "refused with 401 until they sign in",
        }));
    }

    /// <summary>
    /// Behind a proxy that terminates TLS, requests arrive as http while the browser is on https: the origin check
    /// of page actions and the cookies' Secure flag need the browser's scheme. Mode proxy takes
    /// <c>X-Forwarded-Proto</c> from the trusted networks only (never <c>X-Forwarded-For</c>: the trust check needs
    /// the proxy's own address); mode oidc with a <c>PublicUrl</c> takes that URL's scheme and host (after host
    /// filtering, which still checks the name the request came with).
    /// </summary>
    private static void UseSchemeOfProxy(WebApplication app, AuthSettings settings)
    {
        if (settings.Proxy is { } proxy)
        {
            var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedProto };
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            foreach (var network in proxy.TrustedNetworks)
            {
                options.KnownIPNetworks.Add(network);
            }

            app.UseForwardedHeaders(options);
        }
        else if (settings.Oidc?.PublicUrl is { } publicUrl)
        {
            // The callback sent to the provider and the origin check of page actions are built from these.
            app.Use((context, next) =>
            {
                context.Request.Scheme = publicUrl.Scheme;
                context.Request.Host = new HostString(publicUrl.Authority);
                return next(context);
            });
        }
    }

    /// <summary>A bearer token is always the API token scheme; otherwise the mode's own way in.</summary>
    private static string SchemeFor(HttpContext context, AuthMode mode) =>
        context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? AuthSchemes.ApiToken
            : mode switch
            {
                AuthMode.Oidc => AuthSchemes.Cookie,
                AuthMode.Proxy => AuthSchemes.Proxy,
                _ => AuthSchemes.ApiToken,
            };
}
