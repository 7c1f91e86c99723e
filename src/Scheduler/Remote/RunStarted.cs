namespace Scheduler.Remote;

/// <summary>The 202 answer of run now and cancel: the run it is about.</summary>
internal sealed record RunStarted(long RunId);
