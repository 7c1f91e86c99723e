namespace Scheduler.Definitions.Model;

/// <summary>What a run does. <see cref="Kind"/> is the YAML key that chose it (<c>command</c>, <c>shell</c>, …).</summary>
public abstract record HandlerDefinition(string Kind);
