using Scheduler.Definitions.Diagnostics;
using Scheduler.Definitions.Model;

namespace Scheduler.Definitions.Loading;

/// <summary>What one file gave: its task when valid, and every diagnostic (errors and warnings) either way.</summary>
public sealed record TaskFileResult(string TaskId, string DisplayPath, TaskDefinition? Task, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool IsValid => Task is not null;
}
