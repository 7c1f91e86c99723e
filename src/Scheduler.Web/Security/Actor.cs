using Microsoft.AspNetCore.Http;

namespace Scheduler.Web.Security;

/// <summary>Who asked, as the audit records it: the remote address and the way in (page or api).</summary>
internal static class Actor
{
    public static string Of(HttpContext context, string via) =>
        $"{context.Connection.RemoteIpAddress?.ToString() ?? "unknown"} via {via}";
}
