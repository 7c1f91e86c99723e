namespace Scheduler.Definitions.Model;

/// <summary>Sends one HTTP request and checks the status. Url and body may be templates.</summary>
public sealed record HttpHandler(
    string Url,
    string Method,
    IReadOnlyList<int> ExpectStatus,
    TimeSpan Timeout,
    IReadOnlyDictionary<string, TaskValue> Headers,
    string? Body) : HandlerDefinition("http")
{
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(30);

    /// <summary>True when <paramref name="status"/> counts as success: listed, or any 2xx when nothing is listed.</summary>
    public bool Accepts(int status) => ExpectStatus.Count == 0 ? status is >= 200 and <= 299 : ExpectStatus.Contains(status);
}
