namespace Scheduler.Definitions.Loading;

/// <summary>Lists and reads the task files of a schedules folder: .yaml and .yml files, dot-files and dot-folders ignored.</summary>
public static class TaskFolder
{
    private static readonly EnumerationOptions Recursive = new()
    {
        RecurseSubdirectories = true,
        IgnoreInaccessible = false,
        AttributesToSkip = FileAttributes.None, // dot-files count as Hidden on Unix; they are filtered by name instead
        MatchType = MatchType.Simple,
    };

    /// <summary>
    /// The most bytes a reader of task files (this folder reader, the git tree reader) needs to take from one file:
    /// one past the size limit, so the loader can say a file is too large without it being loaded whole.
    /// </summary>
    public const int ReadLimit = Parsing.YamlLimits.MaxFileBytes + 1;

    /// <summary>
    /// The task files under <paramref name="directory"/>, with display paths relative to <paramref name="displayBase"/>
    /// (usually the current directory). Throws <see cref="DirectoryNotFoundException"/> when the folder does not exist.
    /// </summary>
    public static IReadOnlyList<SourceFile> Read(string directory, string displayBase)
    {
        var root = Path.GetFullPath(directory);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"The schedules folder '{directory}' does not exist.");
        }

        return [.. List(root).Select(relative =>
        {
            var full = Path.Combine(root, relative);
            var display = Path.GetRelativePath(displayBase, full);
            try
            {
                return new SourceFile(relative.Replace('\\', '/'), display, ReadBytes(full));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return new SourceFile(relative.Replace('\\', '/'), display, ReadOnlyMemory<byte>.Empty, e.Message);
            }
        })];
    }

    /// <summary>The task files' paths relative to <paramref name="root"/>, sorted.</summary>
    public static IEnumerable<string> List(string root) =>
        Directory.EnumerateFiles(root, "*", Recursive)
            .Select(path => Path.GetRelativePath(root, path))
            .Where(relative => TaskIds.IsTaskFile(relative) && !TaskIds.IsHidden(relative))
            .Order(StringComparer.Ordinal);

    /// <summary>Reads at most one byte past the size limit, so a huge file is refused without being loaded.</summary>
    private static byte[] ReadBytes(string path)
    {
        // bufferSize 0: the bytes go straight into the array below, a FileStream buffer would only add a copy.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0, FileOptions.SequentialScan);
        var buffer = new byte[Math.Min(stream.Length, ReadLimit)];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return read == buffer.Length ? buffer : buffer[..read];
    }
}
