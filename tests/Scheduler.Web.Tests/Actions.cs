using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Scheduler.Web.Tests;

/// <summary>Run-now and cancel as a test drives them, through the API or the page's forms.</summary>
internal static class Actions
{
    public static HttpRequestMessage ApiPost(string path, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    public static async Task<long> RunNowByApiAsync(WebServer server, string taskId, string token)
    {
        using var request = ApiPost($"/api/tasks/{taskId}/run", token);
        using var response = await server.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"run-now answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("runId").GetInt64();
    }

    public static Task WaitForStatusAsync(WebServer server, long runId, string status) =>
        Eventually.HoldsAsync(
            async () => (await server.GetJsonAsync($"/api/runs/{runId}")).GetProperty("status").GetString() == status,
            $"run #{runId} did not become {status}");

    public static async Task<HttpResponseMessage> PostFormAsync(
        WebServer server, string path, IEnumerable<KeyValuePair<string, string>> fields, string? origin = null, bool htmx = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Origin", origin ?? server.Origin);
        if (htmx)
        {
            request.Headers.Add("HX-Request", "true");
        }

        return await server.Client.SendAsync(request);
    }
}
