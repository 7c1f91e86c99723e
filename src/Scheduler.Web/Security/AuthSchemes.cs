namespace Scheduler.Web.Security;

/// <summary>The authentication schemes; <see cref="Default"/> picks one of the others per request.</summary>
internal static class AuthSchemes
{
    public const string Default = "scheduler";
    public const string ApiToken = "api-token";
    public const string Proxy = "proxy";
    public const string Cookie = "session";
    public const string Oidc = "oidc";
}
