namespace Scheduler.Engine.Handlers.Cleanup;

/// <summary>A file a cleanup deletes, and the rule that chose it (e.g. "older than 14d").</summary>
internal sealed record Doomed(CleanupFile File, string Reason);
