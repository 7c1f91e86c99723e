using Scheduler.Definitions.Model;

namespace Scheduler.Engine.Running;

/// <summary>A task the engine should run: its definition (the last good one) and the revision it came from.</summary>
public sealed record ScheduledTask(TaskDefinition Definition, string Revision)
{
    public string Id => Definition.Id;
}
