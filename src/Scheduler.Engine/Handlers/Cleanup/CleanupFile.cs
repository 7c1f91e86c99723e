namespace Scheduler.Engine.Handlers.Cleanup;

/// <summary>One regular file under a cleanup's path that matches its pattern; <see cref="RelativePath"/> is what the output shows.</summary>
internal sealed record CleanupFile(string FullPath, string RelativePath, long Length, DateTimeOffset LastWriteUtc);
