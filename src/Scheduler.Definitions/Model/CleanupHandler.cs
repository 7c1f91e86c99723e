namespace Scheduler.Definitions.Model;

/// <summary>
/// Deletes files under <see cref="Path"/> matching <see cref="Pattern"/>: those older than
/// <see cref="OlderThan"/>, beyond the newest <see cref="KeepLast"/>, or beyond <see cref="MaxTotalBytes"/>.
/// </summary>
public sealed record CleanupHandler(
    string Path,
    string Pattern,
    TimeSpan? OlderThan,
    int? KeepLast,
    long? MaxTotalBytes,
    bool DryRun) : HandlerDefinition("cleanup");
