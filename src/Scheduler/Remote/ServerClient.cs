using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Scheduler.Cli;

namespace Scheduler.Remote;

/// <summary>
/// The commands' way into a running <c>scheduler serve</c>: its <c>/api</c>, with the bearer token when one is given.
/// A server that cannot be reached is a <see cref="CommandFailedException"/>; an error answer is a
/// <see cref="ServerRefusedException"/> carrying what the server said.
/// </summary>
internal sealed class ServerClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http;
    private readonly Uri _server;

    public ServerClient(Uri server, string? token)
    {
        // A trailing slash keeps a path prefix (https://ops.example.com/scheduler/) when the api paths are appended.
        _server = server.AbsoluteUri.EndsWith('/') ? server : new Uri(server.AbsoluteUri + "/");
        _http = new HttpClient { BaseAddress = _server, Timeout = TimeSpan.FromSeconds(30) };
        if (!string.IsNullOrEmpty(token))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public Task<RemoteTask[]> ListTasksAsync(CancellationToken cancellationToken) =>
        SendAsync<RemoteTask[]>(HttpMethod.Get, "api/tasks", null, cancellationToken);

    public Task<RemoteRun[]> ListRunsAsync(string taskId, int limit, long? before, CancellationToken cancellationToken) =>
        SendAsync<RemoteRun[]>(HttpMethod.Get, $"api/tasks/{TaskPath(taskId)}/runs?limit={limit}{(before is { } b ? $"&before={b}" : "")}", null, cancellationToken);

    public Task<RemoteRun> GetRunAsync(long runId, CancellationToken cancellationToken) =>
        SendAsync<RemoteRun>(HttpMethod.Get, $"api/runs/{runId}", null, cancellationToken);

    /// <summary>POST /api/tasks/{id}/run; the parameters, when any, go as <c>{"params":{...}}</c>.</summary>
    public async Task<long> RunNowAsync(string taskId, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        var body = parameters.Count > 0 ? JsonContent.Create(new { @params = parameters }, options: Json) : null;
        return (await SendAsync<RunStarted>(HttpMethod.Post, $"api/tasks/{TaskPath(taskId)}/run", body, cancellationToken)).RunId;
    }

    public Task<RunStarted> CancelAsync(long runId, CancellationToken cancellationToken) =>
        SendAsync<RunStarted>(HttpMethod.Post, $"api/runs/{runId}/cancel", null, cancellationToken);

    /// <summary>POST /api/pause; the ids of the tasks paused now.</summary>
    public async Task<string[]> PauseAsync(string target, string reason, string? until, CancellationToken cancellationToken) =>
        (await SendAsync<PauseAnswer>(HttpMethod.Post, "api/pause", JsonContent.Create(new { target, reason, until }, options: Json), cancellationToken)).Paused ?? [];

    /// <summary>POST /api/resume; the ids of the tasks that run again.</summary>
    public async Task<string[]> ResumeAsync(string target, CancellationToken cancellationToken) =>
        (await SendAsync<PauseAnswer>(HttpMethod.Post, "api/resume", JsonContent.Create(new { target }, options: Json), cancellationToken)).Resumed ?? [];

    public void Dispose() => _http.Dispose();

    /// <summary>A task id in the catch-all route: each segment escaped, the '/' between them kept.</summary>
    private static string TaskPath(string taskId) => string.Join('/', taskId.Split('/').Select(Uri.EscapeDataString));

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body };
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new CommandFailedException($"could not reach the server at {_server}: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CommandFailedException($"the server at {_server} did not answer {method} /{path} within {_http.Timeout.TotalSeconds:0} s.");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new ServerRefusedException((int)response.StatusCode, $"{method} /{path}: {(int)response.StatusCode} {response.ReasonPhrase}: {Said(text, response.StatusCode)}");
            }

            try
            {
                return JsonSerializer.Deserialize<T>(text, Json) ?? throw new JsonException("the answer is null");
            }
            catch (JsonException e)
            {
                throw new CommandFailedException($"the server at {_server} answered {method} /{path} with something that is not the scheduler's API ({e.Message}); is --server the address of `scheduler serve`?");
            }
        }
    }

    /// <summary>The reason of an error answer (<c>{"reason": ...}</c>), or its whole body when it is anything else.</summary>
    private static string Said(string body, HttpStatusCode status)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return $"(no body; status {(int)status})";
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement is { ValueKind: JsonValueKind.Object } root
                && root.EnumerateObject().Count() == 1
                && root.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String)
            {
                return reason.GetString()!;
            }
        }
        catch (JsonException)
        {
            // not JSON: printed as it came
        }

        return body.Trim();
    }
}
