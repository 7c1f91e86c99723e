using Scheduler.Definitions.Diagnostics;

namespace Scheduler.Definitions.Loading;

/// <summary>
/// The check of concurrency groups that needs the whole folder: every task that names a group gives the same limit.
/// The first file of the group in path order sets it; each file that gives another is an error at its limit, naming
/// that first file and its limit (the task keeps its last good version in <c>serve</c>). One pass, one dictionary.
/// </summary>
internal static class GroupCheck
{
    public static List<TaskFileResult> Apply(List<TaskFileResult> results)
    {
        Dictionary<string, int>? first = null;
        List<(int Index, Diagnostic Found)>? found = null;
        for (var i = 0; i < results.Count; i++) // in path order already (DefinitionLoader sorts)
        {
            if (results[i].Task?.Concurrency is not { } group)
            {
                continue;
            }

            first ??= new Dictionary<string, int>(StringComparer.Ordinal);
            if (!first.TryGetValue(group.Group, out var setter))
            {
                first[group.Group] = i;
                continue;
            }

            var other = results[setter];
            var limit = other.Task!.Concurrency!.Limit;
            if (limit != group.Limit)
            {
                (found ??= []).Add((i, new Diagnostic(results[i].DisplayPath, group.LimitAt, Severity.Error, DiagnosticCodes.GroupLimitMismatch,
                    $"concurrency.limit: {group.Limit} differs from the limit of group '{group.Group}' in {other.DisplayPath}, which is {limit}.",
                    $"Every task of a group shares one limit: write limit: {limit} here, or change it in {other.DisplayPath} and every other task of group '{group.Group}' too.")));
            }
        }

        if (found is null)
        {
            return results;
        }

        var byIndex = found.ToLookup(f => f.Index, f => f.Found);
        return [.. results.Select((result, i) => byIndex.Contains(i)
            ? result with { Task = null, Diagnostics = [.. result.Diagnostics, .. byIndex[i]] }
            : result)];
    }
}
