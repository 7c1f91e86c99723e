using System.IO.Enumeration;

namespace Scheduler.Engine.Handlers.Cleanup;

/// <summary>
/// Lists the files a cleanup may delete: regular files under the root, in subfolders too, whose names match the pattern.
/// Symbolic links are never followed and never deleted: a linked folder is not entered (it may point anywhere), and a
/// linked file is left alone (deleting it frees nothing, and its age and size would be the link's, not the file's).
/// The root itself may be a link: the operator named it.
/// </summary>
internal sealed class CleanupScan
{
    private static readonly EnumerationOptions OneLevel = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = true,
        AttributesToSkip = 0, // hidden files are files too; links are sorted out below
        MatchType = MatchType.Simple,
    };

    public List<CleanupFile> Files { get; } = [];

    /// <summary>Links found and left alone, for the report.</summary>
    public int SkippedLinks { get; private set; }

    public static CleanupScan Run(string root, string pattern, CancellationToken ct)
    {
        var scan = new CleanupScan();
        var pending = new Stack<DirectoryInfo>([new DirectoryInfo(root)]);
        while (pending.TryPop(out var directory))
        {
            foreach (var entry in directory.EnumerateFileSystemInfos("*", OneLevel))
            {
                ct.ThrowIfCancellationRequested();
                if (entry.Attributes.HasFlag(FileAttributes.ReparsePoint))
                {
                    scan.SkippedLinks++;
                }
                else if (entry is DirectoryInfo subfolder)
                {
                    pending.Push(subfolder);
                }
                else if (entry is FileInfo file && FileSystemName.MatchesSimpleExpression(pattern, file.Name, ignoreCase: false))
                {
                    scan.Files.Add(new CleanupFile(file.FullName, Path.GetRelativePath(root, file.FullName), file.Length, file.LastWriteTimeUtc));
                }
            }
        }

        return scan;
    }

    /// <summary>
    /// True when no folder between <paramref name="root"/> and the file has become a link since the scan, so deleting
    /// the path cannot reach outside the root. (A swap in the instant between this check and the delete remains possible;
    /// only an attacker with write access to the folder could time it.)
    /// </summary>
    public static bool StillInside(string root, string fullPath)
    {
        for (var folder = Path.GetDirectoryName(fullPath); folder is not null && folder.Length > root.Length; folder = Path.GetDirectoryName(folder))
        {
            var info = new DirectoryInfo(folder);
            if (!info.Exists || info.Attributes.HasFlag(FileAttributes.ReparsePoint))
            {
                return false;
            }
        }

        return !new FileInfo(fullPath).Attributes.HasFlag(FileAttributes.ReparsePoint);
    }
}
