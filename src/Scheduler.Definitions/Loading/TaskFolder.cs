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
        var root = ExistingRoot(directory);
        return [.. List(root).Select(relative => ReadOne(root, relative, displayBase))];
    }

    /// <summary>
    /// The same files as <see cref="Read"/>, in the same order, read by a background thread ahead of the caller
    /// (<see cref="SharedReads"/>): reading 10,000 small files is mostly system calls, so it overlaps with parsing on
    /// the caller's thread (measured by <c>scheduler-bench validate</c>). The folder is listed before this returns, so a
    /// missing folder throws here, as with <see cref="Read"/>.
    /// </summary>
    public static IEnumerable<SourceFile> ReadAhead(string directory, string displayBase)
    {
        var root = ExistingRoot(directory);
        return SharedReads.InOrder([.. List(root)], relative => ReadOne(root, relative, displayBase));
    }

    /// <summary>The full path of <paramref name="directory"/>; throws <see cref="DirectoryNotFoundException"/> when it does not exist.</summary>
    private static string ExistingRoot(string directory)
    {
        var root = Path.GetFullPath(directory);
        return Directory.Exists(root) ? root : throw new DirectoryNotFoundException($"The schedules folder '{directory}' does not exist.");
    }

    /// <summary>One file as a <see cref="SourceFile"/>; a file that cannot be read carries its error instead of its bytes.</summary>
    private static SourceFile ReadOne(string root, string relative, string displayBase)
    {
        var full = Path.Combine(root, relative);
        var display = Path.GetRelativePath(displayBase, full);
        try
        {
            return new SourceFile(relative.Replace('\\', '/'), display, ReadBytes(full));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return new SourceFile(relative.Replace('\\', '/'), display, ReadOnlyMemory<byte>.Empty, e.Message);
        }
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
        // A bare handle and positional reads: no FileStream, no buffer of its own (the bytes go straight into the array),
        // and no read-ahead advice, which costs a system call per file and gains nothing on a file of a few hundred bytes.
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var buffer = new byte[Math.Min(RandomAccess.GetLength(handle), ReadLimit)];
        var read = 0;
        while (read < buffer.Length && RandomAccess.Read(handle, buffer.AsSpan(read), read) is var n and > 0)
        {
            read += n;
        }

        return read == buffer.Length ? buffer : buffer[..read];
    }
}
