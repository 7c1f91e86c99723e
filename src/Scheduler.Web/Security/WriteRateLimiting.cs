using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Web.Api;

namespace Scheduler.Web.Security;

/// <summary>
/// ASP.NET Core's rate limiter on every write (page actions, API writes): a fixed window per signed-in user or
/// token, or per address for anonymous users. Over the limit: 429 with <c>Retry-After</c> in seconds.
/// </summary>
internal static class WriteRateLimiting
{
    public static void Add(IServiceCollection services, WriteLimit limit)
    {
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(AuthPolicies.WriteRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(PartitionOf(context), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limit.PermitLimit,
                Window = limit.Window,
                QueueLimit = 0,
            }));
            o.OnRejected = (rejected, cancellationToken) =>
            {
                var response = rejected.HttpContext.Response;
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                var reason = $"too many writes: at most {limit.PermitLimit} per {limit.Window} (Scheduler:Api:WriteLimit); try again after Retry-After seconds";
                return new ValueTask(response.WriteAsJsonAsync(new ReasonJson(reason), cancellationToken));
            };
        });
    }

    /// <summary>
    /// Puts the limiter in front of the endpoints that ask for it. ASP.NET Core's limiter middleware starts its
    /// partitioned limiter's 100 ms heartbeat timer the moment it is built, which would wake an idle scheduler ten
    /// times a second; so it is built at the first request to a rate-limited endpoint, and every other request passes by.
    /// </summary>
    public static void Use(IApplicationBuilder app)
    {
        app.Use(next =>
        {
            var limited = new Lazy<RequestDelegate>(() =>
            {
                var branch = app.New();
                branch.UseRateLimiter();
                branch.Run(next);
                return branch.Build();
            });
            return context => context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>() is null
                ? next(context)
                : limited.Value(context);
        });
    }

    private static string PartitionOf(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { } name }
            ? "user:" + name
            : "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}
