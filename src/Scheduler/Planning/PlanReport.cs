using Scheduler.Definitions.Diagnostics;
using Scheduler.Definitions.Loading;
using Scheduler.Definitions.Planning;

namespace Scheduler.Planning;

/// <summary>Everything the plan output shows: the two revisions (head null for the working tree), the plan, and head as validated.</summary>
internal sealed record PlanReport(Revision Base, Revision? Head, Plan Plan, DefinitionSet HeadSet, int Count)
{
    public bool IsValid => !HeadSet.HasErrors;

    public IReadOnlyList<Diagnostic> Diagnostics { get; } = [.. HeadSet.Diagnostics];

    public int ErrorCount => Diagnostics.Count(d => d.IsError);

    /// <summary><c>1 added, 2 changed, 0 removed</c>, plus invalid files and warnings when there are any.</summary>
    public string Summary()
    {
        var parts = new List<string> { $"{Plan.Added.Count} added", $"{Plan.Changed.Count} changed", $"{Plan.Removed.Count} removed" };
        if (Plan.Invalid.Count > 0)
        {
            parts.Add(Plural(Plan.Invalid.Count, "invalid file"));
        }

        if (Plan.Warnings.Count > 0)
        {
            parts.Add(Plural(Plan.Warnings.Count, "warning"));
        }

        return string.Join(", ", parts);
    }

    public static string Plural(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";
}
