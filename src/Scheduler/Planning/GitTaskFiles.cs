using LibGit2Sharp;
using Scheduler.Definitions.Loading;

namespace Scheduler.Planning;

/// <summary>
/// Reads the task files of a schedules folder from a commit's tree, or from the working tree, with the
/// folder reader's rules (<c>.yaml</c>/<c>.yml</c>, dot-files and dot-folders ignored). Display paths are
/// relative to the repository root, as GitHub annotations and the pull request diff show them.
/// </summary>
internal static class GitTaskFiles
{
    // The definitions' 1 MiB file limit plus one byte: enough for the reader to see that a file is too large.
    private const int ReadLimit = (1024 * 1024) + 1;

    /// <summary>The task files under <paramref name="schedulesPath"/> in <paramref name="commit"/>; null when the folder is not in it.</summary>
    public static IReadOnlyList<SourceFile>? FromCommit(Commit commit, string schedulesPath)
    {
        Tree? root = commit.Tree;
        if (schedulesPath.Length > 0)
        {
            root = commit.Tree[schedulesPath] is { TargetType: TreeEntryTargetType.Tree } entry ? (Tree)entry.Target : null;
        }

        if (root is null)
        {
            return null;
        }

        var files = new List<SourceFile>();
        Collect(root, "", schedulesPath, files);
        return [.. files.OrderBy(f => f.RelativePath, StringComparer.Ordinal)];
    }

    /// <summary>The task files under <paramref name="schedulesPath"/> on disk, uncommitted edits and new files included; null when the folder does not exist.</summary>
    public static IReadOnlyList<SourceFile>? FromWorkingTree(string workingDirectory, string schedulesPath)
    {
        var folder = Path.Combine(workingDirectory, schedulesPath);
        return Directory.Exists(folder) ? TaskFolder.Read(folder, workingDirectory) : null;
    }

    private static void Collect(Tree tree, string prefix, string schedulesPath, List<SourceFile> files)
    {
        foreach (var entry in tree)
        {
            var relative = prefix + entry.Name;
            if (entry.Name.StartsWith('.'))
            {
                continue; // dot-files and dot-folders, as in the folder reader
            }

            if (entry.TargetType == TreeEntryTargetType.Tree)
            {
                Collect((Tree)entry.Target, relative + "/", schedulesPath, files);
            }
            else if (entry.TargetType == TreeEntryTargetType.Blob && TaskIds.IsTaskFile(relative))
            {
                var display = schedulesPath.Length == 0 ? relative : $"{schedulesPath}/{relative}";
                files.Add(entry.Mode == Mode.SymbolicLink
                    // On disk the link is followed; in a commit it is only a path, which plan does not chase.
                    ? new SourceFile(relative, display, ReadOnlyMemory<byte>.Empty, "it is a symbolic link in git, and plan reads task files from commits without following links")
                    : new SourceFile(relative, display, Read((Blob)entry.Target)));
            }
        }
    }

    /// <summary>Reads at most one byte past the size limit, so a huge blob is refused without being loaded (as the folder reader does).</summary>
    private static byte[] Read(Blob blob)
    {
        using var stream = blob.GetContentStream();
        var buffer = new byte[Math.Min(blob.Size, ReadLimit)];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return read == buffer.Length ? buffer : buffer[..read];
    }
}
