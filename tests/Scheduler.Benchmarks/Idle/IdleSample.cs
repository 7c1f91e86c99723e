namespace Scheduler.Benchmarks.Idle;

/// <summary>One interval of the idle window: when it ended (seconds into the window), CPU over it, RSS at its end.</summary>
internal sealed record IdleSample(int AtSeconds, double CpuPercent, double RssMb);
