using Microsoft.AspNetCore.Http;

namespace Scheduler.Web.Security;

/// <summary>
/// Who asked, as the audit records it: the signed-in user or token beside the remote address and the way in
/// (<c>alice@example.com (10.0.0.5 via page)</c>, <c>token deploy (10.0.0.7 via api)</c>), or the address alone
/// for an anonymous request (<c>127.0.0.1 via page</c>).
/// </summary>
internal static class Actor
{
    /// <summary>The name a pause shows (<c>paused by WHO</c>): the signed-in user or token, else the remote address.</summary>
    public static string Name(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public static string Of(HttpContext context, string via)
    {
        var where = $"{context.Connection.RemoteIpAddress?.ToString() ?? "unknown"} via {via}";
        return context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? $"{name} ({where})" : where;
    }
}
