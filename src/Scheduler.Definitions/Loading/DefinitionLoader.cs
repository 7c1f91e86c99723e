using Scheduler.Definitions.Diagnostics;

namespace Scheduler.Definitions.Loading;

/// <summary>
/// Reads a set of task files into a <see cref="DefinitionSet"/>: every file checked, every problem
/// reported, one bad file never hiding the others. Duplicate ids (<c>x.yaml</c> beside <c>x.yml</c>)
/// invalidate both files, since neither can be said to be the real one.
/// </summary>
public static class DefinitionLoader
{
    /// <param name="files">The task files.</param>
    /// <param name="from">The instant the checks that look ahead (DST notices) start at.</param>
    /// <param name="retired">Ids the caller knows were tasks and are gone: a chain to one is the warning SCH103, not the error SCH060.</param>
    public static DefinitionSet Load(IEnumerable<SourceFile> files, DateTimeOffset from, RetiredUpstreams? retired = null)
    {
        // Parsed on the caller's thread as the files arrive (a reader may still be reading the rest, as
        // TaskFolder.ReadAhead does), then put in path order. Parsing stays on one thread: measured faster than
        // PLINQ here (each file allocates ~25 KB; two parsing threads fight over the GC).
        var read = new List<(string Path, TaskFileResult Result)>();
        foreach (var file in files)
        {
            read.Add((file.RelativePath, TaskReader.Read(file, from)));
        }

        read.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        var results = read.ConvertAll(r => r.Result);
        return new DefinitionSet(ChainCheck.Apply(GroupCheck.Apply(MarkDuplicateIds(results)), retired));
    }

    private static List<TaskFileResult> MarkDuplicateIds(List<TaskFileResult> results)
    {
        // One set of ids first: a clash is rare, and grouping every file only to find none costs a group per file.
        var seen = new HashSet<string>(results.Count, StringComparer.Ordinal);
        if (results.TrueForAll(r => seen.Add(r.TaskId)))
        {
            return results;
        }

        var byId = results.GroupBy(r => r.TaskId, StringComparer.Ordinal).Where(g => g.Count() > 1).ToDictionary(g => g.Key, g => g.ToList());
        if (byId.Count == 0)
        {
            return results;
        }

        return results.Select(result =>
        {
            if (!byId.TryGetValue(result.TaskId, out var clash))
            {
                return result;
            }

            var others = string.Join(", ", clash.Where(c => c != result).Select(c => $"'{c.DisplayPath}'"));
            var duplicate = new Diagnostic(result.DisplayPath, SourcePosition.FileStart, Severity.Error, DiagnosticCodes.DuplicateTaskId,
                $"The task id '{result.TaskId}' is also defined by {others}.",
                "Keep one file per task: delete or rename one of them (.yaml and .yml give the same id).");
            return result with { Task = null, Diagnostics = [duplicate, .. result.Diagnostics] };
        }).ToList();
    }
}
