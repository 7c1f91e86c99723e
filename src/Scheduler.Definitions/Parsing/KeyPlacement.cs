using System.Text.RegularExpressions;

namespace Scheduler.Definitions.Parsing;

/// <summary>
/// Where a key that is unknown in one mapping does belong: a key written one level off (<c>timezone</c> beside
/// <c>schedule:</c>, <c>backoff</c> beside <c>retry:</c>, <c>starting-deadline</c> inside <c>schedule:</c>) gets a
/// hint that names its place and shows the fixed YAML, instead of the list of keys allowed where it stands.
/// </summary>
internal static partial class KeyPlacement
{
    // Every mapping of the format by its path, so the table follows the keys as they grow.
    private static readonly (string Path, string[] Keys)[] Places =
    [
        ("", Keys.Task), ("schedule", Keys.Schedule), ("schedule.weekly", Keys.Weekly), ("retry", Keys.Retry),
        ("http", Keys.Http), ("sqlite-backup", Keys.SqliteBackup), ("cleanup", Keys.Cleanup), ("notify", Keys.Notify),
        ("notify.webhook", Keys.Webhook), ("concurrency", Keys.Concurrency),
    ];

    /// <summary>The hint for <paramref name="key"/>, unknown in the mapping at <paramref name="path"/>, or null when it belongs nowhere.</summary>
    public static string? Hint(string path, string key, YamlNode value, YamlMapping here)
    {
        var home = Places.Where(p => p.Path != path && p.Keys.Contains(key, StringComparer.Ordinal))
            .Select(p => p.Path)
            .OrderBy(p => Distance(path, p))
            .FirstOrDefault();
        if (home is null)
        {
            return null;
        }

        var entry = $"{key}: {Render(value)}";
        if (home.StartsWith(path.Length == 0 ? "" : path + ".", StringComparison.Ordinal) && home != path)
        {
            return Down(path, home, key, entry, here);
        }

        if (path.StartsWith(home, StringComparison.Ordinal))
        {
            var where = home.Length == 0 ? "the task's top level, not indented" : $"'{home}'";
            return $"'{key}' belongs in {where}, not in '{path}': move `{entry}` there.";
        }

        return $"'{key}' belongs in '{home}': move `{entry}` there.";
    }

    /// <summary>A key that belongs in a mapping below this one: the fix nests it, keeping what that mapping already says.</summary>
    private static string Down(string path, string home, string key, string entry, YamlMapping here)
    {
        var child = (path.Length == 0 ? home : home[(path.Length + 1)..]).Split('.');
        var existing = here.Entries.FirstOrDefault(e => e.Key.Value == child[0]).Value;
        string inner;
        if (child.Length > 1)
        {
            inner = $"{child[1]}: {{ {entry} }}";
        }
        else if (existing is YamlScalar { IsNull: false } scalar && child[0] == "schedule")
        {
            // `schedule: "30 2 * * *"` is the shorthand of a UTC cron: written out, it is the mapping's cron.
            inner = $"cron: {Render(scalar)}, {entry}";
        }
        else if (existing is YamlMapping mapping)
        {
            inner = string.Join(", ", mapping.Entries.Take(4).Select(e => $"{e.Key.Value}: {Render(e.Value)}").Append(entry));
        }
        else
        {
            inner = entry;
        }

        return $"'{key}' belongs in '{home}', one level down: write `{child[0]}: {{ {inner} }}`.";
    }

    /// <summary>How far apart two mappings are in the tree, counted in levels through their common parent.</summary>
    private static int Distance(string from, string to)
    {
        var a = from.Length == 0 ? [] : from.Split('.');
        var b = to.Length == 0 ? [] : to.Split('.');
        var common = a.Zip(b).TakeWhile(p => p.First == p.Second).Count();
        return a.Length + b.Length - (2 * common);
    }

    private static string Render(YamlNode node) => node switch
    {
        YamlScalar { IsNull: true } => "...",
        YamlScalar scalar when PlainSafe().IsMatch(scalar.Value) => scalar.Value,
        YamlScalar scalar => $"\"{scalar.Value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"",
        _ => "...",
    };

    // Values that read back as the same string without quotes: words, zone ids, durations, numbers.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_./+-]*$")]
    private static partial Regex PlainSafe();
}
