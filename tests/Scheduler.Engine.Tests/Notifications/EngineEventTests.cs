using Scheduler.Definitions.Notifications;
using Scheduler.Definitions.Runs;
using Scheduler.Engine.Notifications;
using Scheduler.Engine.Tests.Engine;
using Scheduler.State.Entities;
using static Scheduler.Engine.Tests.TestTasks;

namespace Scheduler.Engine.Tests.Notifications;

/// <summary>What the engine tells its event sink, and that a slow webhook never slows the engine.</summary>
public sealed class EngineEventTests
{
    private const string EveryMinute = "schedule: \"* * * * *\"\nshell: x";

    [Fact]
    public async Task The_sink_hears_each_outcome_with_the_streak_before_and_after_it()
    {
        await using var h = await EngineHarness.CreateAsync();
        var sink = new RecordingSink();
        h.Handler.Script("flaky", Fate.Fail, Fate.Fail, Fate.Succeed);
        await h.StartEngineAsync(events: sink);
        await h.ApplyAsync("flaky", EveryMinute);

        for (var minute = 0; minute < 3; minute++)
        {
            h.Clock.Advance(minute == 0 ? TimeSpan.FromSeconds(30) : TimeSpan.FromMinutes(1));
            await h.WaitForRunsAsync("flaky", r => r.Count == minute + 1 && r[minute].Status != RunStatus.Running, $"run {minute + 1} to end");
            await h.SettleAsync();
        }

        await WaitUntilAsync(() => sink.Events.Count == 3, "three events");
        Assert.Equal(
            [(RunStatus.Failed, 0, 1), (RunStatus.Failed, 1, 2), (RunStatus.Succeeded, 2, 0)],
            sink.Events.Select(e => (e.Status, e.PreviousStreak, e.FailureStreak)));
        var first = sink.Events[0];
        Assert.Equal((RunEventKind.Finished, At("2026-11-23T12:00:00Z"), 1, RunTrigger.Schedule), (first.Kind, first.Slot!.Value, first.Attempt, first.Trigger));
        Assert.NotNull(first.RunId);
    }

    [Fact]
    public async Task A_slot_skipped_by_overlap_is_told_with_its_run_row_and_reason()
    {
        await using var h = await EngineHarness.CreateAsync();
        var sink = new RecordingSink();
        h.Handler.DefaultFate = Fate.Block;
        await h.StartEngineAsync(events: sink);
        await h.ApplyAsync("slow", EveryMinute);

        h.Clock.Advance(TimeSpan.FromSeconds(30));
        await h.WaitForCallsAsync("slow", 1);
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var runs = await h.WaitForRunsAsync("slow", r => r.Count == 2, "the 12:01 slot to be skipped");

        await WaitUntilAsync(() => sink.Events.Count == 1, "the skip to be told");
        var skipped = sink.Events[0];
        Assert.Equal((RunEventKind.Skipped, runs[1].Id, At("2026-11-23T12:01:00Z"), RunStatus.Skipped), (skipped.Kind, skipped.RunId!.Value, skipped.Slot!.Value, skipped.Status));
        Assert.Contains("overlap: forbid", skipped.Error, StringComparison.Ordinal);
        h.Handler.ReleaseAll();
    }

    [Fact]
    public async Task Slots_passed_over_during_downtime_are_told_as_one_skip_of_the_one_row_that_stands_for_them()
    {
        await using var h = await EngineHarness.CreateAsync();
        var sink = new RecordingSink();
        var first = await h.StartEngineAsync();
        await h.ApplyAsync("hourly", "schedule: \"0 * * * *\"\ncatch-up: none\nshell: x");
        await h.StopEngineAsync(first);
        h.Clock.Advance(TimeSpan.FromHours(4));

        await h.StartEngineAsync(events: sink);

        await WaitUntilAsync(() => sink.Events.Count == 1, "the passed slots to be told");
        var passed = sink.Events[0];
        var row = Assert.Single(await h.RunsOfAsync("hourly"));
        Assert.Equal((RunEventKind.Skipped, (long?)row.Id, (DateTimeOffset?)At("2026-11-23T12:00:00Z")), (passed.Kind, passed.RunId, passed.Slot));
        Assert.Equal((At("2026-11-23T15:00:00Z"), 4), (row.PassedToUtc!.Value, row.PassedCount!.Value));
        Assert.Equal("4 slot(s) passed over: missed while the scheduler was not running (catch-up: none)", passed.Error);
        Assert.Equal((4, "missed while the scheduler was not running (catch-up: none)"), (passed.PassedSlots, passed.PassedReason));
        Assert.Equal(Scheduler.Engine.Planning.PassedCause.Downtime, passed.PassedCause);
    }

    [Fact]
    public async Task A_webhook_that_never_answers_does_not_delay_a_single_slot()
    {
        await using var h = await EngineHarness.CreateAsync();
        await using var listener = await WebhookListener.StartAsync();
        listener.DefaultAnswer = WebhookListener.NeverAnswer;
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var notifier = new Notifier(h.Runs, http, h.Clock, new NotifySettings(), null, "a", Microsoft.Extensions.Logging.Abstractions.NullLogger<Notifier>.Instance)
        {
            Environment = _ => listener.Url,
        };
        await notifier.StartAsync(CancellationToken.None);
        h.Handler.DefaultFate = Fate.Fail;
        await h.StartEngineAsync(events: notifier);
        await h.ApplyAsync("failing", $"{EveryMinute}\nnotify: {{ on: [failure], webhook: {{ url-from-env: HOOK, format: generic }} }}");

        h.Clock.Advance(TimeSpan.FromSeconds(30));
        for (var minute = 1; minute <= 5; minute++)
        {
            await h.WaitForRunsAsync("failing", r => r.Count == minute && r.All(x => x.Status == RunStatus.Failed), $"run {minute} to fail");
            await h.SettleAsync();
            h.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var runs = await h.WaitForRunsAsync("failing", r => r.Count == 6, "the sixth run");
        Assert.All(runs, r => Assert.Equal(r.SlotUtc, r.StartedAt));
        Assert.Equal([.. Enumerable.Range(0, 6).Select(m => At("2026-11-23T12:00:00Z").AddMinutes(m))], runs.Select(r => r.SlotUtc));

        // Meanwhile the deliveries wait out their attempts (10 s each, then a backoff); moving on, they all end failed.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while ((await h.Runs.ListNotificationsAsync("failing", 100, CancellationToken.None))
            .Count(n => n.Status == NotificationStatuses.Failed && n.Attempts == 5 && n.LastError == "the webhook did not answer within 10 s") < 5)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), "Waited too long for the deliveries to fail.");
            h.Clock.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(20);
        }

        h.Handler.ReleaseAll();
        await notifier.StopAsync(CancellationToken.None);
        notifier.Dispose();
    }

    private static async Task WaitUntilAsync(Func<bool> done, string what)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!done())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(15), $"Waited too long for {what}.");
            await Task.Delay(10);
        }
    }
}
