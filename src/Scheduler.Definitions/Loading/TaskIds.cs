using System.Text.RegularExpressions;

namespace Scheduler.Definitions.Loading;

/// <summary>Task ids: the file's path under <c>schedules/</c> without extension, e.g. <c>backups/nightly-db</c>.</summary>
public static partial class TaskIds
{
    public static readonly string[] Extensions = [".yaml", ".yml"];

    /// <summary>True for a file that holds a task: a .yaml or .yml file that is not a dot-file.</summary>
    public static bool IsTaskFile(string relativePath)
    {
        var name = Path.GetFileName(relativePath.AsSpan());
        return !name.StartsWith('.') && (name.EndsWith(".yaml", StringComparison.Ordinal) || name.EndsWith(".yml", StringComparison.Ordinal));
    }

    /// <summary>True when any folder on the path is a dot-folder (<c>.github/</c>, <c>.git/</c>): such files are ignored.</summary>
    public static bool IsHidden(string relativePath) =>
        relativePath.StartsWith('.') || relativePath.Contains("/.", StringComparison.Ordinal) || relativePath.Contains("\\.", StringComparison.Ordinal);

    /// <summary>The id a file gives its task: forward slashes, no extension.</summary>
    public static string FromPath(string relativePath)
    {
        var normalized = relativePath.Replace('\\', '/');
        var extension = Path.GetExtension(normalized);
        return normalized[..^extension.Length];
    }

    public static bool IsValid(string id) => ValidId().IsMatch(id);

    /// <summary>A valid id close to <paramref name="id"/>, for the hint: lowercase, other characters turned into '-'.</summary>
    public static string Suggest(string id)
    {
        var lowered = InvalidCharacters().Replace(id.ToLowerInvariant(), "-");
        return string.Join('/', lowered.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim('-') is { Length: > 0 } t ? t : "task"));
    }

    [GeneratedRegex("^[a-z0-9_-]+(/[a-z0-9_-]+)*\\z")]
    private static partial Regex ValidId();

    [GeneratedRegex("[^a-z0-9_/-]+")]
    private static partial Regex InvalidCharacters();
}
