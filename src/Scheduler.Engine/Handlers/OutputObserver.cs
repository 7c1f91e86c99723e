namespace Scheduler.Engine.Handlers;

/// <summary>Sees every chunk of a run's output as it arrives (e.g. <c>scheduler run</c> streaming it to the terminal).</summary>
public delegate void OutputObserver(ReadOnlySpan<byte> bytes);
