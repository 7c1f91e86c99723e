using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;

namespace Scheduler.Web.Security;

/// <summary>
/// Reads <c>Scheduler:Auth</c> and <c>Scheduler:Api</c>. Every problem is collected as a sentence naming the key,
/// the value and the fix; <c>serve</c> refuses to start while there are any, rather than start less protected.
/// </summary>
internal static class AuthSettingsReader
{
    public static AuthSettings Read(IConfiguration configuration, out IReadOnlyList<string> problems)
    {
        var found = new List<string>();
        var auth = configuration.GetSection("Scheduler:Auth");
        var mode = ReadMode(auth["Mode"], found);
        var allowAnonymous = ReadBool(auth, "AllowAnonymous", found);
        var oidc = mode == AuthMode.Oidc ? ReadOidc(auth.GetSection("Oidc"), found) : null;
        var proxy = mode == AuthMode.Proxy ? ReadProxy(auth.GetSection("Proxy"), found) : null;
        var api = configuration.GetSection("Scheduler:Api");
        var tokens = ReadTokens(api, found);
        var limit = ReadLimit(api.GetSection("WriteLimit"), found);
        problems = found;
        return new AuthSettings(mode, allowAnonymous, oidc, proxy, tokens, limit);
    }

    private static AuthMode ReadMode(string? value, List<string> problems)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case null or "" or "none":
                return AuthMode.None;
            case "oidc":
                return AuthMode.Oidc;
            case "proxy":
                return AuthMode.Proxy;
            default:
                problems.Add($"Scheduler:Auth:Mode: '{value}' is not a mode; use none, oidc or proxy.");
                return AuthMode.None;
        }
    }

    private static bool ReadBool(IConfigurationSection section, string key, List<string> problems)
    {
        var value = section[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        if (bool.TryParse(value, out var parsed))
        {
            return parsed;
        }

        problems.Add($"{section.Path}:{key}: '{value}' is not true or false.");
        return false;
    }

    private static OidcSettings? ReadOidc(IConfigurationSection section, List<string> problems)
    {
        var before = problems.Count;
        var authority = section["Authority"];
        var clientId = section["ClientId"];
        if (string.IsNullOrWhiteSpace(authority) || !Uri.TryCreate(authority, UriKind.Absolute, out _))
        {
            problems.Add($"{section.Path}:Authority: '{authority}' is not the provider's URL; with Mode oidc set it to the issuer, e.g. https://login.example.com/realms/main.");
        }

        if (string.IsNullOrWhiteSpace(clientId))
        {
            problems.Add($"{section.Path}:ClientId: is not set; with Mode oidc set it to the client id registered at the provider.");
        }

        Uri? publicUrl = null;
        if (section["PublicUrl"] is { Length: > 0 } url
            && !(Uri.TryCreate(url, UriKind.Absolute, out publicUrl) && publicUrl.Scheme is "http" or "https" && publicUrl.AbsolutePath == "/"))
        {
            problems.Add($"{section.Path}:PublicUrl: '{url}' is not an http(s) URL of a host without a path; set it to the address users open, e.g. https://scheduler.example.com.");
        }

        if (problems.Count > before)
        {
            return null;
        }

        var scopes = List(section, "Scopes");
        return new OidcSettings(
            authority!,
            clientId!,
            string.IsNullOrEmpty(section["ClientSecret"]) ? null : section["ClientSecret"],
            string.IsNullOrWhiteSpace(section["RoleClaim"]) ? "roles" : section["RoleClaim"]!.Trim(),
            new RoleMap(List(section, "OperatorRoles"), List(section, "ViewerRoles")),
            scopes.Count > 0 ? scopes : ["openid", "profile", "email"],
            section["RequireHttpsMetadata"] is not { Length: > 0 } || ReadBool(section, "RequireHttpsMetadata", problems),
            publicUrl);
    }

    private static ProxySettings? ReadProxy(IConfigurationSection section, List<string> problems)
    {
        var before = problems.Count;
        var userHeader = section["UserHeader"];
        if (string.IsNullOrWhiteSpace(userHeader))
        {
            problems.Add($"{section.Path}:UserHeader: is not set; with Mode proxy set it to the header your proxy puts the user in, e.g. X-Forwarded-Email.");
        }

        var networks = new List<IPNetwork>();
        foreach (var value in List(section, "TrustedNetworks"))
        {
            if (IPNetwork.TryParse(value, out var network))
            {
                networks.Add(network);
            }
            else
            {
                problems.Add($"{section.Path}:TrustedNetworks: '{value}' is not a network in CIDR notation, e.g. 10.0.0.0/8 or fd00::/8 (a single address is 10.0.0.5/32).");
            }
        }

        if (networks.Count == 0 && problems.Count == before)
        {
            problems.Add($"{section.Path}:TrustedNetworks: is empty; with Mode proxy list the proxy's networks (CIDR), e.g. 10.0.0.0/8: the user header is ignored from anywhere else.");
        }

        return problems.Count > before
            ? null
            : new ProxySettings(userHeader!.Trim(), section["RolesHeader"] is { Length: > 0 } roles ? roles.Trim() : null, networks,
                new RoleMap(List(section, "OperatorRoles"), List(section, "ViewerRoles")));
    }

    private static ApiTokens ReadTokens(IConfigurationSection api, List<string> problems)
    {
        var entries = new List<ApiTokenEntry>();
        if (api["Token"] is { Length: > 0 } legacy)
        {
            entries.Add(new ApiTokenEntry(ApiTokens.LegacyName, ApiTokens.Hash(legacy), Roles.Operator));
        }

        foreach (var token in api.GetSection("Tokens").GetChildren())
        {
            var hash = token["Hash"]?.Trim() ?? "";
            var role = Roles.Parse(token["Role"]);
            if (hash.Length != 64 || !hash.All(Uri.IsHexDigit))
            {
                problems.Add($"{token.Path}:Hash: '{hash}' is not a SHA-256 in hex (64 characters); compute it with `printf %s \"$TOKEN\" | sha256sum`.");
            }
            else if (role is null)
            {
                problems.Add($"{token.Path}:Role: '{token["Role"]}' is not a role; use viewer or operator.");
            }
            else
            {
                entries.Add(new ApiTokenEntry(token.Key, Convert.FromHexString(hash), role));
            }
        }

        return new ApiTokens(entries);
    }

    private static WriteLimit ReadLimit(IConfigurationSection section, List<string> problems)
    {
        var permits = WriteLimit.Default.PermitLimit;
        var window = WriteLimit.Default.Window;
        if (section["PermitLimit"] is { Length: > 0 } p && !(int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out permits) && permits > 0))
        {
            problems.Add($"{section.Path}:PermitLimit: '{p}' is not a whole number above 0.");
        }

        if (section["Window"] is { Length: > 0 } w && !(TimeSpan.TryParse(w, CultureInfo.InvariantCulture, out window) && window > TimeSpan.Zero))
        {
            problems.Add($"{section.Path}:Window: '{w}' is not a duration above zero, e.g. 00:01:00.");
        }

        return new WriteLimit(permits, window);
    }

    /// <summary>A list setting, as children (<c>Key:0</c>, <c>Key__0</c> in the environment) or as one comma-separated value.</summary>
    private static List<string> List(IConfigurationSection section, string key)
    {
        var child = section.GetSection(key);
        var values = child.Value is { } joined
            ? joined.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : child.GetChildren().Select(c => c.Value?.Trim() ?? "").Where(v => v.Length > 0);
        return [.. values];
    }
}
