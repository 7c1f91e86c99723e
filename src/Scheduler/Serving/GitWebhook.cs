using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Scheduler.Engine;
using Scheduler.Engine.Running;

namespace Scheduler.Serving;

/// <summary>
/// <c>POST /hooks/git</c>: a push webhook from GitHub (<c>X-Hub-Signature-256</c>, HMAC-SHA256 of the body with
/// <c>Scheduler:Git:WebhookSecret</c>) or GitLab (<c>X-Gitlab-Token</c>) starts <c>system/git-sync</c> now.
/// Anything unsigned or wrongly signed gets 401 and triggers nothing; with no secret the endpoint does not exist.
/// </summary>
internal static partial class GitWebhook
{
    private const int MaxBodyBytes = 1024 * 1024;

    public static void Map(WebApplication app, string? secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return;
        }

        app.MapPost("/hooks/git", async (HttpRequest request, SchedulerEngine engine, ILogger<SchedulerEngine> logger, CancellationToken cancellationToken) =>
        {
            var body = await ReadBodyAsync(request, cancellationToken);
            if (body is null || !IsSigned(request, body, secret))
            {
                return Results.Text("the webhook is not signed with the configured secret\n", statusCode: StatusCodes.Status401Unauthorized);
            }

            var result = await engine.RunNowAsync("system/git-sync", cancellationToken);
            if (result.Outcome == RunNowOutcome.Refused)
            {
                // A fetch is already running and may have started before this push: fetch once more after it.
                _ = FetchAgainWhenFreeAsync(engine, logger);
            }

            Accepted(logger, result.Outcome.ToString(), result.RunId);
            return Results.Json(new { runId = result.RunId, reason = result.Reason }, statusCode: StatusCodes.Status202Accepted);
        }).AllowAnonymous(); // the signature is its authentication

    }

    /// <summary>True when the GitHub signature or the GitLab token matches, compared in constant time.</summary>
    internal static bool IsSigned(HttpRequest request, byte[] body, string secret)
    {
        if (request.Headers["X-Hub-Signature-256"].ToString() is { Length: > 7 } signature && signature.StartsWith("sha256=", StringComparison.Ordinal))
        {
            var expected = Encoding.ASCII.GetBytes("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)));
            return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature.ToLowerInvariant()));
        }

        if (request.Headers["X-Gitlab-Token"].ToString() is { Length: > 0 } token)
        {
            return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(secret)), SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        }

        return false;
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static async Task FetchAgainWhenFreeAsync(SchedulerEngine engine, ILogger logger)
    {
        for (var attempt = 0; attempt < 60; attempt++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            if ((await engine.RunNowAsync("system/git-sync")).Outcome != RunNowOutcome.Refused)
            {
                return;
            }
        }

        GaveUp(logger);
    }

    [LoggerMessage(301, LogLevel.Information, "Git webhook accepted: git-sync {Outcome}, run {RunId}")]
    private static partial void Accepted(ILogger logger, string outcome, long? runId);

    [LoggerMessage(302, LogLevel.Warning, "Git webhook: git-sync stayed busy for a minute; the next interval fetches instead")]
    private static partial void GaveUp(ILogger logger);
}
