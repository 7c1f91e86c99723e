using System.Collections.Concurrent;

namespace Scheduler.Definitions.Templates;

/// <summary>
/// Templates already found clean against the run variables (no task parameters), so the same text in another file
/// is not parsed by Scriban again: a folder repeats its templates (<c>{{ run.slot }}</c> in hundreds of commands),
/// and a clean result depends on the text alone. Only clean results are kept (a problem's position differs per file);
/// bounded, so a long-running service that reloads changing files cannot grow it without end.
/// </summary>
internal static class CleanTemplates
{
    private const int MaxEntries = 4096;
    private const int MaxLength = 2048;

    private static readonly ConcurrentDictionary<string, bool> Known = new(StringComparer.Ordinal);

    public static bool Contains(string text) => Known.ContainsKey(text);

    public static void Add(string text)
    {
        if (text.Length <= MaxLength && Known.Count < MaxEntries)
        {
            Known.TryAdd(text, true);
        }
    }
}
