using Scheduler.Definitions.Model;

namespace Scheduler.Definitions.Planning;

/// <summary>A task whose file is gone at head. <see cref="Task"/> is null when its file was already invalid at base.</summary>
public sealed record RemovedTask(string Id, string File, TaskDefinition? Task);
