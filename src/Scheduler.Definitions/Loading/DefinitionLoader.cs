using Scheduler.Definitions.Diagnostics;

namespace Scheduler.Definitions.Loading;

/// <summary>
/// Reads a set of task files into a <see cref="DefinitionSet"/>: every file checked, every problem
/// reported, one bad file never hiding the others. Duplicate ids (<c>x.yaml</c> beside <c>x.yml</c>)
/// invalidate both files, since neither can be said to be the real one.
/// </summary>
public static class DefinitionLoader
{
    public static DefinitionSet Load(IEnumerable<SourceFile> files, DateTimeOffset from)
    {
        // A plain loop: measured faster than PLINQ here (each file allocates ~25 KB; two threads fight over the GC).
        var results = files
            .OrderBy(f => f.RelativePath, StringComparer.Ordinal)
            .Select(file => TaskReader.Read(file, from))
            .ToList();
        return new DefinitionSet(ChainCheck.Apply(MarkDuplicateIds(results)));
    }

    private static List<TaskFileResult> MarkDuplicateIds(List<TaskFileResult> results)
    {
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
