using System.Text.Json;
using Scheduler.Tests.Cli;
using Scheduler.Tests.Serve;
using Xunit.Abstractions;

namespace Scheduler.Tests.Remote;

/// <summary>
/// A real <c>scheduler serve</c> with an API token, and the command line pointed at it: the token is handed over in an
/// environment variable of its own (through <c>--token-from-env</c>), so tests running side by side do not share one.
/// </summary>
internal sealed class RemoteServer : IDisposable
{
    private RemoteServer(ServeFolder folder, ServeProcess serve, string tokenVariable)
    {
        Folder = folder;
        Serve = serve;
        TokenVariable = tokenVariable;
    }

    public ServeFolder Folder { get; }

    public ServeProcess Serve { get; }

    public string TokenVariable { get; }

    public string Url => Serve.BaseAddress.ToString().TrimEnd('/');

    /// <summary>Starts serve on <paramref name="folder"/> (tasks already written) and waits until it knows every task in <paramref name="taskIds"/>.</summary>
    public static async Task<RemoteServer> StartAsync(ServeFolder folder, ITestOutputHelper log, params string[] taskIds)
    {
        var token = $"remote-test-{Guid.NewGuid():N}";
        var variable = $"SCHEDULER_TEST_TOKEN_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(variable, token);
        var serve = folder.StartServe("remote", environment: new Dictionary<string, string> { ["Scheduler__Api__Token"] = token });
        var server = new RemoteServer(folder, serve, variable);
        await serve.WaitReadyAsync(TimeSpan.FromSeconds(60));
        await Eventually.HoldsAsync(
            async () =>
            {
                using var tasks = JsonDocument.Parse(await serve.GetTextAsync("/api/tasks"));
                var known = tasks.RootElement.EnumerateArray().Select(t => t.GetProperty("id").GetString()).ToHashSet();
                return taskIds.All(known.Contains);
            },
            TimeSpan.FromSeconds(30),
            () => $"serve never listed {string.Join(", ", taskIds)}.\n{serve.Output}");
        log.WriteLine($"serve at {server.Url}");
        return server;
    }

    /// <summary>The command line with <c>--server</c> and the token added, run off the test's thread.</summary>
    public Task<CliRun> InvokeAsync(params string[] args) =>
        Task.Run(() => CliRun.Invoke(Folder.Root, [.. args, "--server", Url, "--token-from-env", TokenVariable]));

    /// <summary>The command line with <c>--server</c> alone: no token unless the environment has SCHEDULER_TOKEN.</summary>
    public Task<CliRun> InvokeWithoutTokenAsync(params string[] args) =>
        Task.Run(() => CliRun.Invoke(Folder.Root, [.. args, "--server", Url]));

    public void Dispose()
    {
        Serve.Dispose();
        Environment.SetEnvironmentVariable(TokenVariable, null);
    }
}
