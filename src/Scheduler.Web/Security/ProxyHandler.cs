using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Scheduler.Web.Security;

/// <summary>
/// Mode <c>proxy</c>: the user (and, when configured, roles) from the headers an authenticating proxy sets, but
/// only when the TCP peer is in <c>TrustedNetworks</c>. From anywhere else the headers are ignored, because anyone
/// can send them: the request stays anonymous.
/// </summary>
internal sealed class ProxyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AuthSettings settings)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var proxy = settings.Proxy!;
        // Two user headers (or one with two comma-joined values) mean the proxy passed the client's own through
        // beside its own: trust neither.
        var sent = Request.Headers[proxy.UserHeader];
        var user = sent.Count == 1 && !sent.ToString().Contains(',', StringComparison.Ordinal) ? sent.ToString().Trim() : "";
        if (user.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var peer = Context.Connection.RemoteIpAddress;
        if (!proxy.Trusts(peer))
        {
            WebLog.ProxyHeaderIgnored(Logger, proxy.UserHeader, peer?.ToString() ?? "unknown");
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var values = proxy.RolesHeader is { } rolesHeader
            ? Request.Headers[rolesHeader].ToString().Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries)
            : [];
        var principal = SchedulerIdentity.Create(AuthSchemes.Proxy, user, proxy.Roles.RolesFor(user, values));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }
}
