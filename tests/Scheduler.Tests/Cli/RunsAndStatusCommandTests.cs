using System.Text.Json;
using Scheduler.Definitions.Runs;
using Scheduler.State.Entities;
using Scheduler.State.Store;

namespace Scheduler.Tests.Cli;

/// <summary><c>runs</c> and <c>status</c> read a real store file, as they do while serve runs.</summary>
public sealed class RunsAndStatusCommandTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Slot = new(2026, 10, 25, 0, 30, 0, TimeSpan.Zero);
    private readonly TempSchedules _project = new();
    private string Data => Path.Combine(_project.Root, "data");

    public async Task InitializeAsync()
    {
        await using var store = await SchedulerStore.OpenSqliteAsync(Data);
        await store.Runs.UpsertTaskAsync(new AppliedDefinition("backups/db", "schedules/backups/db.yaml", "schedule: x", "h1", "rev1", Slot.AddDays(1)), Slot, default);
        var first = await store.Runs.TryClaimAsync("backups/db", Slot, 1, RunTrigger.Schedule, "rev1", "a", Slot, default);
        await store.Runs.FinishAsync(first!.Value, RunStatus.Failed, 3, "boom\n", 5, "exited with code 3", Slot.AddSeconds(2), default);
        var retry = await store.Runs.TryClaimAsync("backups/db", Slot, 2, RunTrigger.Retry, "rev1", "a", Slot.AddSeconds(32), default);
        await store.Runs.FinishAsync(retry!.Value, RunStatus.Succeeded, 0, "ok\n", 3, null, Slot.AddSeconds(33), default);
        await store.Runs.FlagInvalidAsync("backups/db", "schedules/backups/db.yaml:3:9: SCH012 bad cron", Slot, default);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _project.Dispose();

    [Fact]
    public void Runs_as_json_has_the_pinned_fields_newest_first()
    {
        var run = CliRun.Invoke(_project.Root, "runs", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var runs = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, runs.Count);
        Assert.Equal(
            ["id", "task", "trigger", "slot", "attempt", "status", "startedAt", "finishedAt", "durationMs", "exitCode", "error", "outputBytes", "revision", "instance", "passed", "parameters", "upstreamRunIds"],
            runs[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(("retry", 2, "succeeded"), (runs[0].GetProperty("trigger").GetString(), runs[0].GetProperty("attempt").GetInt32(), runs[0].GetProperty("status").GetString()));
        Assert.Equal("2026-10-25T00:30:00Z", runs[1].GetProperty("slot").GetString());
        Assert.Equal(3, runs[1].GetProperty("exitCode").GetInt32());
        Assert.Equal("exited with code 3", runs[1].GetProperty("error").GetString());
        Assert.Equal((2000, "a", JsonValueKind.Null), (runs[1].GetProperty("durationMs").GetInt64(), runs[1].GetProperty("instance").GetString(), runs[1].GetProperty("passed").ValueKind));
    }

    [Fact]
    public void Runs_can_be_limited_and_filtered_by_task()
    {
        Assert.Single(JsonDocument.Parse(CliRun.Invoke(_project.Root, "runs", "--last", "1", "--format", "json").Out).RootElement.EnumerateArray());
        Assert.Equal("[]\n", CliRun.Invoke(_project.Root, "runs", "other/task", "--format", "json").Out);
        Assert.Contains("failed", CliRun.Invoke(_project.Root, "runs", "backups/db").Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_shows_state_last_run_next_run_and_the_config_error()
    {
        var text = CliRun.Invoke(_project.Root, "status");
        var json = JsonDocument.Parse(CliRun.Invoke(_project.Root, "status", "--format", "json").Out).RootElement[0];

        Assert.Equal(0, text.ExitCode);
        Assert.Contains("invalid-running-last-good", text.Out, StringComparison.Ordinal);
        Assert.Contains("config error: schedules/backups/db.yaml:3:9: SCH012 bad cron", text.Out, StringComparison.Ordinal);
        Assert.Equal("invalid-running-last-good", json.GetProperty("state").GetString());
        Assert.Equal("succeeded", json.GetProperty("lastRun").GetProperty("status").GetString());
        Assert.Equal("2026-10-26T00:30:00Z", json.GetProperty("nextRunAt").GetString());
        Assert.Equal(0, json.GetProperty("failureStreak").GetInt32());
    }

    [Theory]
    [InlineData("runs")]
    [InlineData("status")]
    public void Without_a_store_they_exit_2_and_say_where_they_looked(string command)
    {
        using var empty = new TempSchedules();

        var run = CliRun.Invoke(empty.Root, command);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("There is no state store in './data'", run.Error, StringComparison.Ordinal);
    }
}
