namespace Scheduler.Engine.Tests.Engine;

/// <summary>An engine the harness started: the token that stops it and the task of its loop, which a crash completes.</summary>
internal sealed record RunningEngine(SchedulerEngine Engine, CancellationTokenSource Stop, Task Loop);
