using System.Text.RegularExpressions;
using Scheduler.State.Entities;
using Scheduler.State.Store;
using Xunit.Abstractions;

namespace Scheduler.Tests.Serve;

/// <summary>Files changed under a running serve: a broken file, its fix, a deleted file.</summary>
[Collection(RunsAlone.Name)]
public sealed partial class BrokenFileTests(ITestOutputHelper log)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_broken_file_keeps_its_last_good_version_firing_a_fix_makes_it_active_and_a_deleted_file_retires_its_task()
    {
        using var folder = new ServeFolder(log);
        folder.WriteTask("steady", TaskFile(folder.WitnessCommand("v1")));
        folder.WriteTask("edited", TaskFile(folder.WitnessCommand("v1")));
        using var serve = folder.StartServe("edits");
        await serve.WaitReadyAsync(TimeSpan.FromSeconds(30));
        await using var store = await folder.OpenStoreAsync();
        string Context() => $"\n{folder.DescribeWitness()}\n{serve.Output}";
        int Count(string taskId, string marker = "") => folder.ReadWitness().Count(w => w.TaskId == taskId && (marker.Length == 0 || w.Marker == marker));
        async Task<TaskRecord> TaskAsync(string id) => (await store.Runs.GetTaskAsync(id, default))!;

        await Eventually.HoldsAsync(() => Count("steady") >= 2 && Count("edited") >= 2, Patience, () => $"the tasks did not start firing.{Context()}");

        // Broken: the task stays, flagged, and fires its last good version; the other file is unaffected.
        folder.WriteTask("edited", """
            schedule:
              every: 1s
            shell: "echo this quote never closes
            """);
        await Eventually.HoldsAsync(
            async () => (await TaskAsync("edited")).State == TaskState.InvalidRunningLastGood,
            Patience,
            () => $"the broken file was not flagged.{Context()}");
        var flagged = await TaskAsync("edited");
        Assert.Matches(ConfigErrorPattern(), flagged.ConfigError ?? "(null)");
        Assert.Equal(TaskState.Active, (await TaskAsync("steady")).State);
        var (steadyBefore, editedBefore) = (Count("steady"), Count("edited"));
        await Eventually.HoldsAsync(
            () => Count("steady") >= steadyBefore + 3 && Count("edited", "v1") >= editedBefore + 3,
            Patience,
            () => $"both tasks should keep firing while one file is broken (the broken one its last good version).{Context()}");
        Assert.Equal(TaskState.InvalidRunningLastGood, (await TaskAsync("edited")).State);

        // Fixed: active again, with the new version.
        folder.WriteTask("edited", TaskFile(folder.WitnessCommand("v2")));
        await Eventually.HoldsAsync(
            async () => (await TaskAsync("edited")) is { State: TaskState.Active, ConfigError: null },
            Patience,
            () => $"the fixed file did not make the task active again.{Context()}");
        await Eventually.HoldsAsync(() => Count("edited", "v2") >= 2, Patience, () => $"the fixed version did not fire.{Context()}");

        // Deleted: retired, and no more runs once the deletion is applied.
        folder.DeleteTask("steady");
        var retired = await Eventually.ReturnsAsync(
            async () => await TaskAsync("steady") is { State: TaskState.Retired } task ? task : null,
            Patience,
            () => $"the deleted file's task was not retired.{Context()}");
        var editedAtRetirement = Count("edited");
        await Eventually.HoldsAsync(() => Count("edited") >= editedAtRetirement + 1, Patience, () => $"the remaining task stopped firing.{Context()}");
        var steadyAfter = Count("steady"); // a run that started just before the retirement may have written its line meanwhile
        await Eventually.HoldsAsync(() => Count("edited") >= editedAtRetirement + 4, Patience, () => $"the remaining task stopped firing.{Context()}");
        Assert.True(Count("steady") == steadyAfter, $"the retired task kept firing.{Context()}");
        var lastSteadySlot = folder.ReadWitness().Where(w => w.TaskId == "steady").Max(w => w.Slot);
        Assert.True(lastSteadySlot <= retired.UpdatedAt + TimeSpan.FromSeconds(1), $"the retired task ran slot {lastSteadySlot:O}, after its retirement at {retired.UpdatedAt:O}.{Context()}");
        Assert.NotEmpty(await store.Runs.ListRunsAsync("steady", 1, null, default)); // history kept

        serve.Terminate();
        Assert.Equal(0, await serve.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    private static string TaskFile(string script) => $"""
        schedule:
          every: 1s
        catch-up: all
        timeout: 1m
        shell: {script}
        """;

    // file:line:col: CODE message, with the file as the user knows it.
    [GeneratedRegex(@"^schedules/edited\.yaml:\d+:\d+: \S+ .+")]
    private static partial Regex ConfigErrorPattern();
}
