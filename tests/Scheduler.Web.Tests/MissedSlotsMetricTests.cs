using Prometheus;
using Scheduler.Definitions.Runs;
using Scheduler.Engine.Notifications;
using Scheduler.Engine.Planning;
using Scheduler.Engine.Running;
using Scheduler.Web.Metrics;

namespace Scheduler.Web.Tests;

/// <summary>Slots the engine passes over reach <c>scheduler_slots_missed_total</c> through the engine's event sinks.</summary>
public sealed class MissedSlotsMetricTests
{
    [Fact]
    public void Passed_slots_count_by_task_and_short_reason_and_other_events_count_nothing()
    {
        var metrics = new SchedulerMetrics();
        var sinks = new RunEventSinks([new MissedSlotsMetric(metrics)]);
        var task = Task("jobs/nightly");

        sinks.Publish(Passed(task, 4, "missed while the scheduler was not running (catch-up: none)", PassedCause.Downtime));
        sinks.Publish(Passed(task, 2, "older than starting-deadline (2h)", PassedCause.StartingDeadline));
        sinks.Publish(Passed(task, 1, "missed while the scheduler was not running (catch-up: latest)", PassedCause.Downtime));
        sinks.Publish(new RunEvent(task, RunEventKind.Finished, 7, DateTimeOffset.UnixEpoch, 1, RunTrigger.Schedule, RunStatus.Failed, DateTimeOffset.UnixEpoch));

        Assert.Equal(5, metrics.SlotsMissed.WithLabels("jobs/nightly", "downtime").Value);
        Assert.Equal(2, metrics.SlotsMissed.WithLabels("jobs/nightly", "starting-deadline").Value);
    }

    [Fact]
    public void Every_sink_that_listens_hears_the_event_even_when_another_throws()
    {
        var heard = new List<string>();
        var sinks = new RunEventSinks([new Throwing(), new Recording(heard, listens: true), new Recording(heard, listens: false)]);

        var failure = Assert.Throws<AggregateException>(() => sinks.Publish(Passed(Task("a"), 1, "x", PassedCause.Downtime)));

        Assert.Equal(["a"], heard);
        Assert.Single(failure.InnerExceptions);
        Assert.True(sinks.ListensTo(Task("a")));
    }

    [Fact]
    public void The_metric_alone_does_not_ask_the_engine_to_describe_outcomes()
    {
        // An outcome costs the engine a store read of the streak; the metric only counts skips.
        var sinks = new RunEventSinks([new MissedSlotsMetric(new SchedulerMetrics())]);

        Assert.False(sinks.ListensTo(Task("a"), RunEventKind.Finished));
        Assert.True(sinks.ListensTo(Task("a"), RunEventKind.Skipped));
    }

    private static RunEvent Passed(ScheduledTask task, int count, string reason, PassedCause cause) =>
        new(task, RunEventKind.Skipped, null, null, 1, RunTrigger.Schedule, RunStatus.Skipped, DateTimeOffset.UnixEpoch)
        {
            PassedSlots = count, PassedReason = reason, PassedCause = cause,
        };

    private static ScheduledTask Task(string id) =>
        new(Definitions.Loading.TaskReader.Read(
            new Definitions.Loading.SourceFile(id + ".yaml", id + ".yaml", "schedule: \"* * * * *\"\nshell: \"true\"\n"u8.ToArray()), DateTimeOffset.UnixEpoch).Task!, "r1");

    private sealed class Throwing : IRunEventSink
    {
        public void Publish(RunEvent runEvent) => throw new InvalidOperationException("boom");
    }

    private sealed class Recording(List<string> heard, bool listens) : IRunEventSink
    {
        public bool ListensTo(ScheduledTask task) => listens;

        public void Publish(RunEvent runEvent) => heard.Add(runEvent.Task.Id);
    }
}
