using Scheduler.Definitions.Runs;

namespace Scheduler.Engine.Tests.Engine;

/// <summary>A chained run's attempts all see the upstream that caused it, whichever process runs them: after a restart, or when a group admits it.</summary>
public sealed class ChainUpstreamTests
{
    [Fact]
    public async Task A_chained_runs_retry_owed_from_before_a_restart_still_sees_its_upstream()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.Handler.Script("report", Fate.Fail);
        var first = await h.StartEngineAsync();
        await h.ApplyAsync("export", "schedule: \"0 12 * * *\"\nshell: x");
        await h.ApplyAsync("report", "schedule: { after: export }\nretry: { attempts: 1, backoff: 30s }\nshell: x");
        h.Clock.Advance(TimeSpan.FromSeconds(30)); // 12:00: export succeeds, report runs after it and fails
        var export = Assert.Single(await h.WaitForRunsAsync("export", r => r.Count == 1 && r[0].Status == RunStatus.Succeeded, "export to succeed"));
        await h.WaitForRunsAsync("report", r => r.Count == 1 && r[0].Status == RunStatus.Failed, "report's first attempt to fail");
        Assert.Equal(export.Id, h.Handler.CallsOf("report")[0].Context.Upstream?.RunId);
        await h.StopEngineAsync(first);

        await h.StartEngineAsync();
        h.Clock.Advance(TimeSpan.FromMinutes(1)); // the retry's backoff has passed

        var calls = await h.WaitForCallsAsync("report", 2);
        var retry = calls[1].Context;
        Assert.Equal((2, "export", export.Id, "succeeded"), (retry.Attempt, retry.Upstream?.TaskId, retry.Upstream?.RunId, retry.Upstream?.Status));
    }

    [Fact]
    public async Task A_chained_run_of_a_group_started_by_another_engine_sees_its_upstream()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.Handler.DefaultFate = Fate.Block;
        var first = await h.StartEngineAsync("a");
        await h.ApplyAsync("holder", "schedule: { manual: true }\nconcurrency: { group: db, limit: 1 }\nshell: x");
        await h.ApplyAsync("export", "schedule: \"0 12 * * *\"\nshell: x");
        await h.ApplyAsync("report", "schedule: { after: export }\nconcurrency: { group: db, limit: 1 }\nshell: x");
        h.Handler.Script("export", Fate.Succeed);
        await h.Engine.RunNowAsync("holder"); // takes the group's one place
        var holder = (await h.WaitForCallsAsync("holder", 1))[0];
        h.Clock.Advance(TimeSpan.FromSeconds(30)); // 12:00: export ends, report waits queued in the group
        var export = Assert.Single(await h.WaitForRunsAsync("export", r => r.Count == 1 && r[0].Status == RunStatus.Succeeded, "export to succeed"));
        var queued = Assert.Single(await h.WaitForRunsAsync("report", r => r.Count == 1 && r[0].Status == RunStatus.Queued, "report to wait in the group"));

        // The first engine stops (its run interrupted, so the place frees); a second, which never saw export's end, admits report.
        await h.StopEngineAsync(first);
        await h.StartEngineAsync("b");
        h.Clock.Advance(TimeSpan.FromSeconds(2));

        var call = (await h.WaitForCallsAsync("report", 1))[0];
        Assert.Equal((queued.Id, "export", export.Id), (call.Context.RunId, call.Context.Upstream?.TaskId, call.Context.Upstream?.RunId));
        holder.Release();
        call.Release();
    }
}
