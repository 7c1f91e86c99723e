namespace Scheduler.Benchmarks.Page;

/// <summary>serve's CPU use (share of one core) with no stream open and with <see cref="Streams"/> open, the events they got when they opened, and those they got in the window.</summary>
internal sealed record EventsCost(int Streams, double WindowSeconds, double NoneShare, double OpenShare, int OpeningEvents, int Events, int Failed);
