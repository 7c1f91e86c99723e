using System.Text.Json;
using Scheduler.Tests.Serve;
using Xunit.Abstractions;

namespace Scheduler.Tests.Remote;

/// <summary><c>scheduler pause</c> and <c>scheduler resume</c> against a real <c>scheduler serve</c> on loopback, and what <c>status --server</c> then shows.</summary>
[Collection(RunsAlone.Name)]
public sealed class PauseCommandTests(ITestOutputHelper log)
{
    [Fact]
    public async Task A_folder_is_paused_with_a_reason_shown_by_status_and_resumed()
    {
        using var folder = new ServeFolder(log);
        foreach (var id in new[] { "backups/db", "backups/files", "reports/daily" })
        {
            folder.WriteTask(id, "schedule: { manual: true }\nshell: \"true\"\n");
        }

        using var server = await RemoteServer.StartAsync(folder, log, "backups/db", "backups/files", "reports/daily");

        var paused = await server.InvokeAsync("pause", "backups/", "--reason", "restore drill", "--until", "2h");
        Assert.True(paused.ExitCode == 0, $"exit {paused.ExitCode}\n{paused.Out}\n{paused.Error}");
        Assert.Equal("paused backups/: 2 task(s) (and any added later)\n  backups/db\n  backups/files\n", paused.Out);

        var status = await server.InvokeAsync("status", "--format", "json");
        var tasks = JsonDocument.Parse(status.Out).RootElement.EnumerateArray().ToDictionary(t => t.GetProperty("id").GetString()!);
        var pause = tasks["backups/db"].GetProperty("paused");
        Assert.Equal("restore drill", pause.GetProperty("reason").GetString());
        Assert.StartsWith("token ", pause.GetProperty("by").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("Z", pause.GetProperty("until").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, tasks["reports/daily"].GetProperty("paused").ValueKind);
        var text = await server.InvokeAsync("status");
        Assert.Contains("    paused by token default: restore drill (since ", text.Out, StringComparison.Ordinal);

        var resumed = await server.InvokeAsync("resume", "backups/");
        Assert.True(resumed.ExitCode == 0, $"exit {resumed.ExitCode}\n{resumed.Out}\n{resumed.Error}");
        Assert.Equal("resumed backups/: 2 task(s) run on their schedule again\n  backups/db\n  backups/files\n", resumed.Out);
    }

    [Fact]
    public async Task A_refused_pause_prints_the_servers_reason_and_exits_2()
    {
        using var folder = new ServeFolder(log);
        folder.WriteTask("backups/db", "schedule: { manual: true }\nshell: \"true\"\n");
        using var server = await RemoteServer.StartAsync(folder, log, "backups/db");

        var unknown = await server.InvokeAsync("pause", "backups", "--reason", "typo");
        var unauthorised = await server.InvokeWithoutTokenAsync("pause", "*", "--reason", "r");
        var missingReason = await server.InvokeAsync("pause", "*");

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("400 Bad Request: there is no task 'backups'; to pause a folder, end it with a slash (backups/)", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(2, unauthorised.ExitCode);
        Assert.Contains("401", unauthorised.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, missingReason.ExitCode);
        Assert.Contains("--reason", missingReason.Error, StringComparison.Ordinal);
    }
}
