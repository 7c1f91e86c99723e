namespace Scheduler.Definitions.Model;

/// <summary>
/// Deletes files under <see cref="Path"/> matching <see cref="Pattern"/>: those older than
/// <see cref="OlderThan"/> and those that push the total past <see cref="MaxTotalBytes"/>, oldest first.
/// The newest <see cref="KeepLast"/> files are always kept; with only <c>keep-last</c>, everything older goes.
/// </summary>
public sealed record CleanupHandler(
    string Path,
    string Pattern,
    TimeSpan? OlderThan,
    int? KeepLast,
    long? MaxTotalBytes,
    bool DryRun) : HandlerDefinition("cleanup");
