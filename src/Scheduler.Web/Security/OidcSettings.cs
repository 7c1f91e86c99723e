namespace Scheduler.Web.Security;

/// <summary>
/// <c>Scheduler:Auth:Oidc</c>: the provider, this client, and which of the user's roles make an operator or a viewer.
/// <see cref="PublicUrl"/> is the address users reach the page at, when a proxy in front terminates TLS: the
/// callback sent to the provider and the origin check are built from it instead of from the request.
/// </summary>
internal sealed record OidcSettings(
    string Authority,
    string ClientId,
    string? ClientSecret,
    string RoleClaim,
    RoleMap Roles,
    IReadOnlyList<string> Scopes,
    bool RequireHttpsMetadata,
    Uri? PublicUrl);
