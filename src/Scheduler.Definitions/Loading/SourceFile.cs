namespace Scheduler.Definitions.Loading;

/// <summary>
/// One task file's bytes, its path under the schedules folder (which gives the task id) and the path
/// to show in messages (relative to where the user stands). It may come from a folder or a git commit.
/// <see cref="ReadError"/> says why the bytes could not be read, when they could not.
/// </summary>
public sealed record SourceFile(string RelativePath, string DisplayPath, ReadOnlyMemory<byte> Content, string? ReadError = null);
