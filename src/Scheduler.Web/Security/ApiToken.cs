using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Scheduler.Web.Security;

/// <summary>
/// The shared secret API writes need (<c>Scheduler:Api:Token</c>), sent as <c>Authorization: Bearer TOKEN</c>.
/// With no token configured API writes are refused: only the page, behind its antiforgery token, can act.
/// </summary>
internal sealed class ApiToken
{
    private readonly byte[]? _hash;

    public ApiToken(string? token)
    {
        _hash = string.IsNullOrEmpty(token) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(token));
    }

    public bool IsConfigured => _hash is not null;

    /// <summary>Null when the request may write; otherwise the status (401 or 403) and why.</summary>
    public (int Status, string Reason)? Check(HttpRequest request)
    {
        if (_hash is null)
        {
            return (StatusCodes.Status403Forbidden, "API writes are disabled: set Scheduler:Api:Token to allow them, or use the status page");
        }

        var header = request.Headers.Authorization.ToString();
        const string Scheme = "Bearer ";
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return (StatusCodes.Status401Unauthorized, "send the API token as 'Authorization: Bearer TOKEN'");
        }

        // Hashing first makes both sides the same length, so the comparison time says nothing about the token.
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(given, _hash)
            ? null
            : (StatusCodes.Status401Unauthorized, "the API token is wrong");
    }
}
