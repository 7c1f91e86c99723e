using Scheduler.Definitions.Runs;
using Scheduler.Engine.Notifications;
using Scheduler.Engine.Running;
using Scheduler.Engine.Tests.Notifications;
using Scheduler.State.Entities;
using static Scheduler.Engine.Tests.TestTasks;

namespace Scheduler.Engine.Tests.Engine;

/// <summary>
/// Pauses and suspensions through the real engine on SQLite and the fake clock: a pause written to the store (as the
/// API or another replica writes it) is honoured, its slots are recorded skipped, nothing is caught up after the resume.
/// </summary>
public sealed class PauseTests
{
    private const string EveryTenMinutes = "schedule: \"*/10 * * * *\"\nshell: x";

    [Fact]
    public async Task Slots_due_while_paused_are_recorded_skipped_and_nothing_is_caught_up_after_the_resume()
    {
        await using var h = await EngineHarness.CreateAsync(); // 11:59:30
        await h.StartEngineAsync();
        await h.ApplyAsync("reports/daily", EveryTenMinutes + "\ncatch-up: all");
        await PauseAsync(h, "reports/", until: null);

        h.Clock.Advance(TimeSpan.FromSeconds(30)); // 12:00
        await h.WaitForRunsAsync("reports/daily", r => r.Count == 1, "the 12:00 slot to be recorded");
        h.Clock.Advance(TimeSpan.FromMinutes(10)); // 12:10
        await h.WaitForRunsAsync("reports/daily", r => r.Count == 2, "the 12:10 slot to be recorded");
        await h.Runs.ResumeAsync("reports/", "ana", h.Now, "resumed", CancellationToken.None);
        h.Clock.Advance(TimeSpan.FromMinutes(10)); // 12:20
        await h.WaitForRunsAsync("reports/daily", r => r.Count == 3 && r[2].Status == RunStatus.Succeeded, "the 12:20 run");
        await h.BarrierAsync();

        var runs = await h.RunsOfAsync("reports/daily");
        Assert.Equal(
            [
                ("12:00", RunStatus.Skipped, "paused by ana: db migration"),
                ("12:10", RunStatus.Skipped, "paused by ana: db migration"),
                ("12:20", RunStatus.Succeeded, null),
            ],
            runs.Select(r => (r.SlotUtc.UtcDateTime.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), r.Status, r.Error)));
        Assert.Single(h.Handler.CallsOf("reports/daily")); // the skipped slots were not caught up under catch-up: all
    }

    [Fact]
    public async Task A_pause_with_an_until_ends_by_itself()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.StartEngineAsync();
        await h.ApplyAsync("demo", EveryTenMinutes);
        await PauseAsync(h, "demo", until: At("2026-11-23T12:05:00Z"));

        h.Clock.Advance(TimeSpan.FromSeconds(30)); // 12:00: paused
        await h.WaitForRunsAsync("demo", r => r.Count == 1, "the 12:00 slot");
        h.Clock.Advance(TimeSpan.FromMinutes(10)); // 12:10: the pause ended at 12:05
        await h.WaitForRunsAsync("demo", r => r.Count == 2 && r[1].Status == RunStatus.Succeeded, "the 12:10 run");

        var runs = await h.RunsOfAsync("demo");
        Assert.Equal([RunStatus.Skipped, RunStatus.Succeeded], runs.Select(r => r.Status));
    }

    [Fact]
    public async Task Run_now_still_starts_a_paused_task_and_says_it_is_paused()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.StartEngineAsync();
        await h.ApplyAsync("demo", "schedule: { manual: true }\nshell: x");
        await PauseAsync(h, "*", until: null);

        var result = await h.Engine.RunNowAsync("demo");

        Assert.Equal(RunNowOutcome.Started, result.Outcome);
        Assert.Equal("the task is paused (by ana: db migration); this run was started by hand anyway", result.Notice);
        await h.WaitForStatusAsync(result.RunId!.Value, RunStatus.Succeeded);
    }

    [Fact]
    public async Task A_task_is_suspended_when_its_failure_streak_reaches_the_limit_a_run_and_its_retries_counting_once()
    {
        await using var h = await EngineHarness.CreateAsync(); // 11:59:30
        h.Handler.DefaultFate = Fate.Fail;
        var events = new RecordingSink();
        await h.StartEngineAsync(events: events);
        await h.ApplyAsync("flaky", EveryTenMinutes + "\nretry: { attempts: 1, backoff: 30s }\nsuspend-after-failures: 2", revision: "abc1234def");

        h.Clock.Advance(TimeSpan.FromSeconds(30)); // 12:00 fails
        await h.WaitForRunsAsync("flaky", r => r.Count == 1 && r[0].Status == RunStatus.Failed, "12:00 attempt 1");
        h.Clock.Advance(TimeSpan.FromSeconds(30)); // 12:00:30 its retry fails: one failed run so far
        await h.WaitForRunsAsync("flaky", r => r.Count == 2 && r[1].Status == RunStatus.Failed, "12:00 attempt 2");
        await h.SettleAsync();
        Assert.Equal(1, await h.Runs.CountFailedRunsInStreakAsync("flaky", long.MaxValue, CancellationToken.None));
        Assert.Empty(await h.Runs.ListPausesAsync(CancellationToken.None));

        h.Clock.Advance(TimeSpan.FromSeconds(9 * 60 + 30)); // 12:10 fails
        await h.WaitForRunsAsync("flaky", r => r.Count == 3 && r[2].Status == RunStatus.Failed, "12:10 attempt 1");
        h.Clock.Advance(TimeSpan.FromSeconds(30)); // 12:10:30 its retry fails: the second failed run
        var runs = await h.WaitForRunsAsync("flaky", r => r.Count == 4 && r[3].Status == RunStatus.Failed, "12:10 attempt 2");
        var last = runs[3].Id;
        var pause = await EventuallyPausedAsync(h);
        Assert.Equal(("flaky", "scheduler", $"suspended after 2 consecutive failures (last: run #{last})", last), (pause.Target, pause.By, pause.Reason, pause.RunId));
        Assert.Contains(
            events.Events,
            e => e.Kind == RunEventKind.Suspended && e.RunId == last && e.FailingSince == "abc1234def" && e.Error == pause.Reason);
        Assert.Contains(
            await h.Runs.ListAuditAsync("flaky", 10, null, CancellationToken.None),
            a => a.Action == AuditActions.Suspend && a.Actor == "scheduler" && a.RunId == last);

        h.Clock.Advance(TimeSpan.FromMinutes(10)); // 12:20:30: skipped, and it stays so until someone resumes it
        var after = await h.WaitForRunsAsync("flaky", r => r.Count == 5, "the 12:20 slot");
        Assert.Equal((RunStatus.Skipped, $"paused by scheduler: {pause.Reason}"), (after[4].Status, after[4].Error));
    }

    [Fact]
    public async Task A_failed_run_tells_the_revision_it_ran_with_and_the_one_its_streak_began_under()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.Handler.DefaultFate = Fate.Fail;
        var events = new RecordingSink();
        await h.StartEngineAsync(events: events);
        await h.ApplyAsync("flaky", EveryTenMinutes, revision: "1111111aaaa");
        h.Clock.Advance(TimeSpan.FromSeconds(30)); // 12:00 fails under 1111111
        await h.WaitForRunsAsync("flaky", r => r.Count == 1 && r[0].Status == RunStatus.Failed, "the 12:00 run");
        await h.ApplyAsync("flaky", EveryTenMinutes + "\ndescription: changed", revision: "2222222bbbb");
        h.Clock.Advance(TimeSpan.FromMinutes(10)); // 12:10 fails under 2222222
        await h.WaitForRunsAsync("flaky", r => r.Count == 2 && r[1].Status == RunStatus.Failed, "the 12:10 run");
        await h.BarrierAsync();

        var failed = await h.EventuallyAsync(
            () => Task.FromResult(events.Events.Where(e => e.Kind == RunEventKind.Finished).ToList()), e => e.Count == 2, "two failures told", e => $"{e.Count} told");
        Assert.Equal(("2222222bbbb", "1111111aaaa"), (failed[1].Task.Revision, failed[1].FailingSince));
    }

    private static Task PauseAsync(EngineHarness h, string target, DateTimeOffset? until) =>
        h.Runs.PauseAsync(
            new PauseRecord { Target = target, By = "ana", Reason = "db migration", SinceUtc = h.Now, UntilUtc = until },
            AuditActions.Pause,
            [],
            CancellationToken.None);

    private static async Task<PauseRecord> EventuallyPausedAsync(EngineHarness h) =>
        (await h.EventuallyAsync(
            async () => await h.Runs.ListPausesAsync(CancellationToken.None), p => p.Count == 1, "the task to be suspended", p => $"{p.Count} pause(s)"))[0];
}
