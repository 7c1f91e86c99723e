using System.Collections.Concurrent;
using System.Diagnostics;
using Scheduler.Engine.Running;
using Scheduler.State.Entities;

namespace Scheduler.Engine.Tests.Notifications;

/// <summary>With tracing on, a webhook about a run is sent under the run's span: the receiver can follow the trace.</summary>
public sealed class WebhookTraceTests
{
    private const string Slack = "{ webhook: { url-from-env: HOOK, format: slack } }";

    [Fact]
    public async Task A_webhook_about_a_traced_run_is_a_span_under_the_run_and_carries_its_traceparent()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == RunTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var run = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        var taskId = $"traced/{Guid.NewGuid():N}";
        await using var h = await NotifierHarness.StartAsync();

        h.Notifier.Publish(NotifierHarness.Failed(Slack, taskId) with { Trace = run });

        await h.WaitForAsync(taskId, n => n.Status == NotificationStatuses.Sent, "the notification to be sent");
        var span = Assert.Single(stopped, a => a.DisplayName == $"notify {taskId}");
        Assert.Equal((run.TraceId, run.SpanId), (span.TraceId, span.ParentSpanId));
        var request = Assert.Single(h.Listener.Received);
        // The span id in the header is the HTTP client's own span (a child of the notify span when it is traced), the trace is the run's.
        Assert.StartsWith($"00-{run.TraceId}-", request.TraceParent, StringComparison.Ordinal);
    }
}
