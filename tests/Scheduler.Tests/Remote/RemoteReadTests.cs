using System.Text.Json;
using Scheduler.Tests.Cli;
using Scheduler.Tests.Serve;
using Xunit.Abstractions;

namespace Scheduler.Tests.Remote;

/// <summary><c>status --server</c> and <c>runs --server</c>: the same output as from the store, read from a running server.</summary>
[Collection(RunsAlone.Name)]
public sealed class RemoteReadTests(ITestOutputHelper log)
{
    [Fact]
    public async Task Status_and_runs_read_from_the_server_print_what_they_print_from_the_store()
    {
        using var folder = new ServeFolder(log);
        folder.WriteTask("jobs/fails", "schedule: { manual: true }\nshell: exit 3\n");
        folder.WriteTask("jobs/works", "schedule: { manual: true }\nshell: echo ok\n");
        using var server = await RemoteServer.StartAsync(folder, log, "jobs/fails", "jobs/works");
        Assert.Equal(3, (await server.InvokeAsync("trigger", "jobs/", "--wait")).ExitCode);

        var status = await server.InvokeAsync("status", "--format", "json");
        Assert.True(status.ExitCode == 0, status.Error);
        using (var tasks = JsonDocument.Parse(status.Out))
        {
            var fails = tasks.RootElement.EnumerateArray().Single(t => t.GetProperty("id").GetString() == "jobs/fails");
            Assert.Equal("active", fails.GetProperty("state").GetString());
            Assert.Equal("failed", fails.GetProperty("lastRun").GetProperty("status").GetString());
            Assert.Equal(1, fails.GetProperty("failureStreak").GetInt32());
            Assert.Equal(JsonValueKind.Null, fails.GetProperty("source").ValueKind); // not in the API
        }

        // Runs carry every field in the API: from the server and from the store they are the same, byte for byte.
        foreach (var args in new[] { new[] { "runs", "--format", "json" }, ["runs", "jobs/fails", "--format", "json"], ["runs", "--last", "1"] })
        {
            var remote = await server.InvokeAsync(args);
            var local = CliRun.Invoke(folder.Root, [.. args, "--data", folder.Data]);
            Assert.True(remote.ExitCode == 0, remote.Error);
            Assert.Equal(local.Out, remote.Out);
        }

        var text = await server.InvokeAsync("status");
        Assert.Contains("jobs/works", text.Out, StringComparison.Ordinal);
        Assert.StartsWith("TASK ", text.Out, StringComparison.Ordinal);

        var unknown = await server.InvokeAsync("runs", "jobs/none");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("404 Not Found: there is no task 'jobs/none'", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_that_does_not_answer_is_a_command_that_could_not_run()
    {
        var run = CliRun.Invoke(Path.GetTempPath(), "status", "--server", $"http://127.0.0.1:{ServeProcess.FreePort()}");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: could not reach the server at http://127.0.0.1:", run.Error, StringComparison.Ordinal);
    }
}
