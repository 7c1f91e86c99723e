using Scheduler.Definitions.Runs;

namespace Scheduler.Engine.Planning;

/// <summary>A slot the engine should run now, and why: on time (<see cref="RunTrigger.Schedule"/>) or late (<see cref="RunTrigger.CatchUp"/>).</summary>
public readonly record struct PlannedRun(DateTimeOffset Slot, RunTrigger Trigger);
