using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Scheduler.Web.Security;

/// <summary>
/// What someone who has not signed in may do. With mode <c>none</c> and every address the server listens on a
/// loopback one, nobody else can reach the port, so anonymous users are operators (the behaviour before sign-in
/// existed). Otherwise they are viewers when <c>Scheduler:Auth:AllowAnonymous</c> is true, and nothing when not.
/// </summary>
internal sealed class AnonymousAccess(AuthSettings settings, IServer server)
{
    private bool? _loopbackOnly;

    /// <summary>The role of an anonymous request, or null when it must sign in.</summary>
    public string? Role => settings.Mode == AuthMode.None && LoopbackOnly ? Roles.Operator : settings.AllowAnonymous ? Roles.Viewer : null;

    /// <summary>
    /// Read from the bound addresses on first use (a request), when Kestrel has resolved them: a port of 0 or a
    /// name like <c>localhost</c> is settled by then.
    /// </summary>
    public bool LoopbackOnly => _loopbackOnly ??= AreLoopback(server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []);

    public static bool AreLoopback(IEnumerable<string> addresses)
    {
        var any = false;
        foreach (var address in addresses)
        {
            any = true;
            if (!IsLoopback(address))
            {
                return false;
            }
        }

        return any;
    }

    /// <summary><c>http://127.0.0.1:8080</c>, <c>http://[::1]:80</c> and <c>http://localhost:5000</c> are loopback; <c>0.0.0.0</c>, <c>*</c>, <c>+</c> and names are not.</summary>
    public static bool IsLoopback(string address)
    {
        var rest = address.Contains("://", StringComparison.Ordinal) ? address[(address.IndexOf("://", StringComparison.Ordinal) + 3)..] : address;
        var host = rest.StartsWith('[') ? rest[1..Math.Max(1, rest.IndexOf(']', StringComparison.Ordinal))] : rest.Split(':', '/')[0];
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }
}
