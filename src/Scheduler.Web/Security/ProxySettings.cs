using System.Net;

namespace Scheduler.Web.Security;

/// <summary><c>Scheduler:Auth:Proxy</c>: the headers an authenticating proxy sets, and the networks it is trusted from.</summary>
internal sealed record ProxySettings(string UserHeader, string? RolesHeader, IReadOnlyList<IPNetwork> TrustedNetworks, RoleMap Roles)
{
    /// <summary>True when <paramref name="address"/> (the TCP peer, not a forwarded header) is in a trusted network.</summary>
    public bool Trusts(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        var peer = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return TrustedNetworks.Any(n => n.Contains(peer));
    }
}
