namespace Scheduler.Benchmarks.Page;

/// <summary>serve's CPU use (share of one core) with no stream open and with <see cref="Streams"/> open, and the events the streams got meanwhile.</summary>
internal sealed record EventsCost(int Streams, double WindowSeconds, double NoneShare, double OpenShare, int Events, int Failed);
