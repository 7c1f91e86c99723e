namespace Scheduler.Web.Views;

/// <summary>A task up or down a chain from the one shown, with its last run (<see cref="LastRunUrl"/> null when it has none).</summary>
public sealed record ChainLink(string TaskId, string Url, string LastStatus, string? LastRunUrl, string? LastRunWhen);
