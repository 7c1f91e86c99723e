using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Scheduler.Web.Security;

namespace Scheduler.Web.Api;

/// <summary>The API's refusal of a write without the right token: 401 (with the Bearer challenge) or 403.</summary>
internal static class ApiResults
{
    public static JsonHttpResult<ReasonJson>? Unauthorized(HttpContext context, ApiToken token)
    {
        if (token.Check(context.Request) is not { } refusal)
        {
            return null;
        }

        if (refusal.Status == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }

        return TypedResults.Json(new ReasonJson(refusal.Reason), statusCode: refusal.Status);
    }
}
