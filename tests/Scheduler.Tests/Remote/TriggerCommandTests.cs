using System.Text.Json;
using Scheduler.Tests.Serve;
using Xunit.Abstractions;

namespace Scheduler.Tests.Remote;

/// <summary><c>scheduler trigger</c> and <c>scheduler cancel</c> against a real <c>scheduler serve</c> on loopback.</summary>
[Collection(RunsAlone.Name)]
public sealed class TriggerCommandTests(ITestOutputHelper log)
{
    [Fact]
    public async Task A_task_triggered_with_wait_exits_with_the_exit_code_of_its_run()
    {
        using var folder = new ServeFolder(log);
        folder.WriteTask("deploy/check", """
            schedule: { manual: true }
            params:
              region: { type: choice, choices: [eu, us], required: true }
            shell: |
              echo "checked $SCHEDULER_TASK_ID in $SCHEDULER_PARAM_REGION"
              exit 3
            """);
        using var server = await RemoteServer.StartAsync(folder, log, "deploy/check");

        // The parameters go as {"params":{...}}; the server checks them and the run gets them.
        var run = await server.InvokeAsync("trigger", "deploy/check", "--wait", "--param", "region=eu");

        Assert.True(run.ExitCode == 3, $"exit {run.ExitCode}\n{run.Out}\n{run.Error}\n{server.Serve.Output}");
        Assert.Matches(@"^deploy/check: run #\d+ started\n", run.Out);
        Assert.Contains("checked deploy/check in eu\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("deploy/check: run #", run.Error, StringComparison.Ordinal);
        Assert.Contains(" failed", run.Error, StringComparison.Ordinal);
        Assert.Contains("(exit 3)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_runs_each_of_its_tasks_once_and_no_task_outside_it()
    {
        using var folder = new ServeFolder(log);
        foreach (var id in new[] { "reports/daily", "reports/weekly", "other/cleanup" })
        {
            folder.WriteTask(id, $"schedule: {{ manual: true }}\nshell: {folder.WitnessCommand()}\n");
        }

        using var server = await RemoteServer.StartAsync(folder, log, "reports/daily", "reports/weekly", "other/cleanup");

        var run = await server.InvokeAsync("trigger", "reports/", "--wait");

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Out}\n{run.Error}");
        Assert.Equal(["reports/daily", "reports/weekly"], folder.ReadWitness().Select(w => w.TaskId).Order(StringComparer.Ordinal));
        Assert.Matches(@"reports/daily: run #\d+ succeeded", run.Out);
        Assert.Matches(@"reports/weekly: run #\d+ succeeded", run.Out);

        var empty = await server.InvokeAsync("trigger", "nothing-here/");
        Assert.Equal(2, empty.ExitCode);
        Assert.Contains("there are no tasks in 'nothing-here/'", empty.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_run_refuses_a_second_trigger_with_the_servers_reason_and_is_stopped_by_cancel()
    {
        using var folder = new ServeFolder(log);
        folder.WriteTask("long/sleeper", $"""
            schedule: {"{ manual: true }"}
            overlap: forbid
            timeout: 10m
            kill-grace: 2s
            shell: |
              {folder.WitnessCommand()}
              exec sleep 600
            """);
        using var server = await RemoteServer.StartAsync(folder, log, "long/sleeper");

        var waiting = server.InvokeAsync("trigger", "long/sleeper", "--wait");
        var started = await Eventually.ReturnsAsync(
            () => Task.FromResult(folder.ReadWitness() is [var line, ..] ? line : null),
            TimeSpan.FromSeconds(30),
            () => $"the run never started.\n{server.Serve.Output}");
        var runId = started.RunId;

        var second = await server.InvokeAsync("trigger", "long/sleeper");
        Assert.Equal(2, second.ExitCode);
        Assert.StartsWith("error: long/sleeper: POST /api/tasks/long/sleeper/run: 409 Conflict: ", second.Error, StringComparison.Ordinal);

        var cancel = await server.InvokeAsync("cancel", runId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(cancel.ExitCode == 0, $"exit {cancel.ExitCode}\n{cancel.Error}");
        Assert.Equal($"run #{runId}: cancel requested\n", cancel.Out);

        var waited = await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(waited.ExitCode == 130, $"exit {waited.ExitCode}\n{waited.Out}\n{waited.Error}");
        Assert.Contains($"long/sleeper: run #{runId} cancelled", waited.Error, StringComparison.Ordinal);

        var again = await server.InvokeAsync("cancel", runId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2, again.ExitCode);
        Assert.StartsWith($"error: POST /api/runs/{runId}/cancel: 409 Conflict: ", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_or_wrong_token_is_refused_with_what_the_server_said()
    {
        using var folder = new ServeFolder(log);
        folder.WriteTask("guarded", $"schedule: {{ manual: true }}\nshell: {folder.WitnessCommand()}\n");
        using var server = await RemoteServer.StartAsync(folder, log, "guarded");

        var missing = await server.InvokeWithoutTokenAsync("trigger", "guarded");
        Assert.Equal(2, missing.ExitCode);
        Assert.Equal("error: guarded: POST /api/tasks/guarded/run: 401 Unauthorized: send an API token with the operator role as 'Authorization: Bearer TOKEN'\n", missing.Error);

        var variable = $"SCHEDULER_TEST_WRONG_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(variable, "not-the-token");
        try
        {
            var wrong = await Task.Run(() => Cli.CliRun.Invoke(folder.Root, "cancel", "1", "--server", server.Url, "--token-from-env", variable));
            Assert.Equal(2, wrong.ExitCode);
            Assert.Equal("error: POST /api/runs/1/cancel: 401 Unauthorized: the API token is wrong\n", wrong.Error);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }

        var unset = await Task.Run(() => Cli.CliRun.Invoke(folder.Root, "trigger", "guarded", "--server", server.Url, "--token-from-env", "SCHEDULER_TEST_NEVER_SET"));
        Assert.Equal(2, unset.ExitCode);
        Assert.Contains("the environment variable SCHEDULER_TEST_NEVER_SET is not set", unset.Error, StringComparison.Ordinal);

        var badParameter = await server.InvokeAsync("trigger", "guarded", "--param", "no-equals-sign");
        Assert.Equal(2, badParameter.ExitCode);
        Assert.Contains("--param 'no-equals-sign' is not NAME=VALUE", badParameter.Error, StringComparison.Ordinal);
        Assert.Empty(folder.ReadWitness());
    }
}
