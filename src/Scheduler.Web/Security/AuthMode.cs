namespace Scheduler.Web.Security;

/// <summary>How the page and API learn who is asking (<c>Scheduler:Auth:Mode</c>).</summary>
internal enum AuthMode
{
    /// <summary>No sign-in: anonymous users are operators while the server listens on loopback only.</summary>
    None,

    /// <summary>Sign-in with OpenID Connect, then a cookie session.</summary>
    Oidc,

    /// <summary>A reverse proxy that authenticates names the user in a header, trusted only from its networks.</summary>
    Proxy,
}
