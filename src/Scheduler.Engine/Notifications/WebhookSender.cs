using System.Net;
using System.Text;

namespace Scheduler.Engine.Notifications;

/// <summary>One delivery attempt: POST the body, wait at most the attempt timeout, say what went wrong in words.</summary>
internal sealed class WebhookSender(HttpClient http, TimeProvider time, TimeSpan attemptTimeout)
{
    /// <summary>Null on a 2xx answer; otherwise the error, and whether another attempt could help.</summary>
    public async Task<(string? Error, bool Retry)> SendAsync(Uri url, string body, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(attemptTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            if (response.IsSuccessStatusCode)
            {
                return (null, false);
            }

            var code = (int)response.StatusCode;
            // A 4xx other than 408 and 429 is the request's fault (a wrong or revoked URL, a rejected body): sending it again won't help.
            var retry = code >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
            return ($"the webhook answered HTTP {code} {response.ReasonPhrase}".TrimEnd(), retry);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return ($"the webhook did not answer within {attemptTimeout.TotalSeconds:0.###} s", true);
        }
        catch (HttpRequestException e)
        {
            // The message names the host at most, never the path or query, where a webhook's secret lives.
            return ($"the request failed: {e.Message}", true);
        }
    }
}
