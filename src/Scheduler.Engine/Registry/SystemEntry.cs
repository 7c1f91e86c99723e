using Scheduler.Engine.Running;

namespace Scheduler.Engine.Registry;

/// <summary>A system task in the <see cref="DefinitionRegistry"/>: the task, the text kept in the store for it (shown on the page) and that text's hash.</summary>
public sealed record SystemEntry(ScheduledTask Task, string Text, string Hash);
