using Scheduler.Definitions.Runs;

namespace Scheduler.State.Store;

/// <summary>A <c>running</c> run claimed by another instance, as the overlap policy sees it across replicas.</summary>
public sealed record RunningRun(long Id, string TaskId, string Instance, DateTimeOffset SlotUtc, int Attempt, RunTrigger Trigger);
