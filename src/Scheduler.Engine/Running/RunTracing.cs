using System.Diagnostics;
using Scheduler.Definitions.Runs;

namespace Scheduler.Engine.Running;

/// <summary>
/// The engine's spans: one per tick that finds slots due, one per run under the span of the tick that claimed it, one
/// per webhook delivery under its run's. Every call first asks <see cref="ActivitySource.HasListeners"/>: with tracing
/// off (no <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>) a run costs one check, no span, no tag.
/// </summary>
public static class RunTracing
{
    /// <summary>The name serve's tracer provider listens to.</summary>
    public const string SourceName = "Scheduler";

    private static readonly ActivitySource Source = new(SourceName, EngineVersion.Text);

    internal static bool IsOn => Source.HasListeners();

    internal static Activity? StartTick(DateTimeOffset now)
    {
        var tick = Source.StartActivity("tick");
        tick?.SetTag("scheduler.tick.at", now.UtcDateTime);
        return tick;
    }

    /// <summary>The span of a run, under <paramref name="run"/>'s tick; current while its handler runs, so what it starts inherits the trace.</summary>
    internal static Activity? StartRun(ActiveRun run, DateTimeOffset startedAt)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var span = Source.StartActivity($"run {run.Task.Id}", ActivityKind.Internal, run.Tick);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("scheduler.task.id", run.Task.Id);
            span.SetTag("scheduler.run.id", run.RunId);
            span.SetTag("scheduler.slot", run.Slot.UtcDateTime);
            span.SetTag("scheduler.attempt", run.Attempt);
            span.SetTag("scheduler.trigger", RunNames.Of(run.Trigger));
            span.SetTag("scheduler.start_lateness_ms", (long)(startedAt - run.Slot).TotalMilliseconds);
        }

        return span;
    }

    internal static void EndRun(Activity? span, RunStatus status, int? exitCode, string? error)
    {
        if (span is null)
        {
            return;
        }

        span.SetTag("scheduler.run.status", RunNames.Of(status));
        if (exitCode is { } code)
        {
            span.SetTag("process.exit.code", code);
        }

        if (status != RunStatus.Succeeded)
        {
            span.SetStatus(ActivityStatusCode.Error, error ?? RunNames.Of(status));
        }
    }

    /// <summary>A webhook delivery's span, under the span of the run it tells about: current while it sends, so the request carries its <c>traceparent</c>.</summary>
    internal static Activity? StartWebhook(ActivityContext run, string taskId) =>
        run == default || !Source.HasListeners() ? null : Source.StartActivity($"notify {taskId}", ActivityKind.Internal, run);
}
