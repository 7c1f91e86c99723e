using Scheduler.Definitions.Runs;
using Scheduler.Engine.Reconciling;
using Scheduler.State.Entities;
using static Scheduler.Engine.Tests.TestTasks;

namespace Scheduler.Engine.Tests.Engine;

/// <summary>A real schedules folder reconciled into the store and a running engine: bad or missing files never stop good tasks.</summary>
public sealed class ReconcilerTests() : ReconciledFolderTests("scheduler-reconcile-")
{
    [Fact]
    public async Task An_invalid_edit_keeps_the_last_good_version_firing_flagged_and_other_files_unaffected()
    {
        Write("a", EveryMinute("a"));
        Write("b", EveryMinute("b"));
        var first = await ReconcileAsync();
        Assert.Equal(["a", "b"], first.Added);
        Assert.Equal(TaskState.Active, (await Task("a")).State);
        H.Clock.Advance(TimeSpan.FromSeconds(30)); // 12:00
        await H.WaitForRunsAsync(null, r => r.Count == 2, "both 12:00 runs");

        Write("a", "schedule: \"* * * * *\"\nshell: [unclosed\n");
        var broken = await ReconcileAsync();

        Assert.Equal(["a"], broken.Flagged);
        Assert.Null(broken.Problem);
        var a = await Task("a");
        Assert.Equal(TaskState.InvalidRunningLastGood, a.State);
        Assert.Matches(@"^schedules/a\.yaml:\d+:\d+: SCH\d{3} \S.*", a.ConfigError);
        Assert.Equal(first.Revision, a.Revision);
        Assert.Equal(TaskState.Active, (await Task("b")).State);
        Assert.Contains(await H.Runs.ListConfigErrorsAsync(default), e => e.File == "schedules/a.yaml" && e.TaskId == "a");

        await H.SettleAsync();
        H.Clock.Advance(TimeSpan.FromMinutes(1)); // 12:01: both still fire, a with its last good version
        var runs = await H.WaitForRunsAsync(null, r => r.Count == 4 && r.All(x => x.Status == RunStatus.Succeeded), "both 12:01 runs");
        Assert.Equal(
            [("a", At("2026-11-23T12:01:00Z"), first.Revision), ("b", At("2026-11-23T12:01:00Z"), first.Revision)],
            runs.Skip(2).OrderBy(r => r.TaskId, StringComparer.Ordinal).Select(r => (r.TaskId, r.SlotUtc, r.Revision)));
        Assert.Equal("echo a", Assert.IsType<Definitions.Model.ShellHandler>(H.Handler.CallsOf("a")[^1].Context.Task.Handler).Script);

        Write("a", EveryMinute("a again"));
        var fixedUp = await ReconcileAsync();
        Assert.Equal(["a"], fixedUp.Changed);
        Assert.Equal((TaskState.Active, (string?)null), ((await Task("a")).State, (await Task("a")).ConfigError));
    }

    [Fact]
    public async Task Deleting_a_file_retires_its_task_keeps_its_history_and_lets_its_running_run_finish()
    {
        H.Handler.Script("a", Fate.Block);
        Write("a", EveryMinute("a"));
        Write("b", EveryMinute("b"));
        await ReconcileAsync();
        H.Clock.Advance(TimeSpan.FromSeconds(30));
        var call = (await H.WaitForCallsAsync("a", 1))[0];

        File.Delete(Path.Join(Schedules, "a.yaml"));
        var report = await ReconcileAsync();

        Assert.Equal(["a"], report.Retired);
        Assert.Equal(TaskState.Retired, (await Task("a")).State);
        Assert.False(call.StopRequested);
        call.Release();
        await H.WaitForStatusAsync(call.Context.RunId, RunStatus.Succeeded);

        await H.SettleAsync();
        H.Clock.Advance(TimeSpan.FromMinutes(1)); // 12:01: b goes on, a is gone
        await H.WaitForRunsAsync("b", r => r.Count == 2, "b's 12:01 run");
        await H.BarrierAsync();
        Assert.Equal([At("2026-11-23T12:00:00Z")], (await H.RunsOfAsync("a")).Select(r => r.SlotUtc)); // history kept, nothing new
    }

    [Theory]
    [InlineData("emptied")]
    [InlineData("removed")]
    public async Task A_folder_suddenly_emptied_or_removed_retires_nothing(string what)
    {
        Write("a", EveryMinute("a"));
        Write("b", EveryMinute("b"));
        await ReconcileAsync();

        if (what == "emptied")
        {
            File.Delete(Path.Join(Schedules, "a.yaml"));
            File.Delete(Path.Join(Schedules, "b.yaml"));
        }
        else
        {
            Directory.Delete(Schedules, recursive: true);
        }

        var report = await ReconcileAsync();

        Assert.NotNull(report.Problem);
        Assert.Empty(report.Retired);
        Assert.All(await H.Runs.ListTasksAsync(default), t => Assert.Equal(TaskState.Active, t.State));
        H.Clock.Advance(TimeSpan.FromSeconds(30));
        await H.WaitForRunsAsync(null, r => r.Count == 2 && r.All(x => x.Status == RunStatus.Succeeded), "both tasks to keep firing");
    }

    private static string EveryMinute(string echo) => $"schedule: \"* * * * *\"\nshell: echo {echo}\n";

    private async Task<TaskRecord> Task(string id) => (await H.Runs.GetTaskAsync(id, default))!;
}
