namespace Scheduler.Web.Security;

/// <summary>Everything about who may act, read once from configuration by <see cref="AuthSettingsReader"/>.</summary>
internal sealed record AuthSettings(
    AuthMode Mode,
    bool AllowAnonymous,
    OidcSettings? Oidc,
    ProxySettings? Proxy,
    ApiTokens Tokens,
    WriteLimit WriteLimit);
