using Scheduler.Definitions.Diagnostics;
using Scheduler.Definitions.Model;

namespace Scheduler.Definitions.Loading;

/// <summary>The result of reading a whole schedules folder: every file's result, the valid tasks, all diagnostics.</summary>
public sealed record DefinitionSet(IReadOnlyList<TaskFileResult> Files)
{
    public IEnumerable<TaskDefinition> Tasks => Files.Where(f => f.Task is not null).Select(f => f.Task!);

    public IEnumerable<Diagnostic> Diagnostics => Files.SelectMany(f => f.Diagnostics);

    public bool HasErrors => Files.Any(f => f.Task is null);
}
