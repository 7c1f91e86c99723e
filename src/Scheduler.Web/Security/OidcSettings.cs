namespace Scheduler.Web.Security;

/// <summary><c>Scheduler:Auth:Oidc</c>: the provider, this client, and which of the user's roles make an operator or a viewer.</summary>
internal sealed record OidcSettings(
    string Authority,
    string ClientId,
    string? ClientSecret,
    string RoleClaim,
    RoleMap Roles,
    IReadOnlyList<string> Scopes,
    bool RequireHttpsMetadata);
