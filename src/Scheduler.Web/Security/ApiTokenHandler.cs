using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Scheduler.Web.Security;

/// <summary>
/// <c>Authorization: Bearer TOKEN</c>: a token that matches an entry signs the request in as <c>token NAME</c> with
/// the entry's role; a wrong token fails (401), and no header is no result (anonymous).
/// </summary>
internal sealed class ApiTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AuthSettings settings)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string Bearer = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (settings.Tokens.Find(header[Bearer.Length..].Trim()) is not { } entry)
        {
            return Task.FromResult(AuthenticateResult.Fail("the API token is wrong"));
        }

        var user = SchedulerIdentity.Create(AuthSchemes.ApiToken, $"token {entry.Name}", [entry.Role]);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(user, Scheme.Name)));
    }
}
