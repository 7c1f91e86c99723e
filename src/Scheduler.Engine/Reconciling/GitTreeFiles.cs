using LibGit2Sharp;
using Scheduler.Definitions.Loading;

namespace Scheduler.Engine.Reconciling;

/// <summary>
/// Reads the task files of a schedules folder from a commit's tree with the folder reader's rules
/// (<c>.yaml</c>/<c>.yml</c>, dot-files and dot-folders ignored, at most one byte past the size limit read).
/// <c>plan</c> and <c>serve --git</c> both read commits through here, so they agree about every commit.
/// Display paths are relative to the repository root, as GitHub annotations and the pull request diff show them.
/// </summary>
internal static class GitTreeFiles
{
    /// <summary>
    /// The task files under <paramref name="schedulesPath"/> (a tree path, "" for the root) in <paramref name="commit"/>,
    /// sorted by path; null when that folder is not in the commit.
    /// </summary>
    public static IReadOnlyList<SourceFile>? FromCommit(Commit commit, string schedulesPath)
    {
        var root = schedulesPath.Trim('/');
        Tree? tree = root.Length == 0 ? commit.Tree : commit.Tree[root] is { TargetType: TreeEntryTargetType.Tree } entry ? (Tree)entry.Target : null;
        if (tree is null)
        {
            return null;
        }

        var files = new List<SourceFile>();
        Collect(tree, "", root, files);
        files.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return files;
    }

    private static void Collect(Tree tree, string prefix, string root, List<SourceFile> files)
    {
        foreach (var entry in tree)
        {
            if (entry.Name.StartsWith('.'))
            {
                continue; // dot-files and dot-folders, as in the folder reader
            }

            var relative = prefix + entry.Name;
            if (entry.TargetType == TreeEntryTargetType.Tree)
            {
                Collect((Tree)entry.Target, relative + "/", root, files);
            }
            else if (entry.TargetType == TreeEntryTargetType.Blob && TaskIds.IsTaskFile(relative))
            {
                var display = root.Length == 0 ? relative : $"{root}/{relative}";
                files.Add(entry.Mode == Mode.SymbolicLink
                    // On disk the link is followed; in a commit it is only a path, and where it points may not be in the commit.
                    ? new SourceFile(relative, display, ReadOnlyMemory<byte>.Empty, "it is a symbolic link in git, and task files are read from commits without following links; commit the file itself")
                    : new SourceFile(relative, display, Read((Blob)entry.Target)));
            }
        }
    }

    private static byte[] Read(Blob blob)
    {
        using var stream = blob.GetContentStream();
        var buffer = new byte[Math.Min(blob.Size, TaskFolder.ReadLimit)];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return read == buffer.Length ? buffer : buffer[..read];
    }
}
