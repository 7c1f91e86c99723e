using Scheduler.Definitions.Diagnostics;
using Scheduler.Definitions.Model;
using Scheduler.Definitions.Parsing;

namespace Scheduler.Definitions.Loading;

/// <summary>
/// The checks of chains that need the whole folder: every upstream id names a task (with a "did you mean" one edit
/// away), no task follows itself, no chain comes back to where it started (<c>a -> b -> c -> a</c>), and a disabled
/// upstream is worth a warning, as is a retired one when the caller knows it (<see cref="RetiredUpstreams"/>; looked up
/// only for an id that is not in the folder, so <c>validate</c> pays nothing for it). Linear in the number of files:
/// one dictionary, one depth-first walk.
/// </summary>
internal static class ChainCheck
{
    public static List<TaskFileResult> Apply(List<TaskFileResult> results, RetiredUpstreams? retired = null)
    {
        if (!results.Exists(r => r.Task?.Schedule.After is not null))
        {
            return results; // no chains: no folder-wide index is needed
        }

        var byId = new Dictionary<string, int>(results.Count, StringComparer.Ordinal);
        for (var i = 0; i < results.Count; i++)
        {
            byId.TryAdd(results[i].TaskId, i);
        }

        var found = new Dictionary<int, List<Diagnostic>>();
        for (var i = 0; i < results.Count; i++)
        {
            if (results[i].Task is { Schedule.After: { } chain } task)
            {
                CheckUpstreams(results, byId, retired, i, task, chain, found);
            }
        }

        FindCycles(results, byId, found);
        return found.Count == 0
            ? results
            : [.. results.Select((result, i) => found.TryGetValue(i, out var more)
                ? result with
                {
                    Task = more.Exists(d => d.IsError) ? null : result.Task,
                    Diagnostics = [.. result.Diagnostics, .. more],
                }
                : result)];
    }

    private static void CheckUpstreams(
        List<TaskFileResult> results, Dictionary<string, int> byId, RetiredUpstreams? retired, int index, TaskDefinition task, ChainDefinition chain,
        Dictionary<int, List<Diagnostic>> found)
    {
        var file = results[index].DisplayPath;
        foreach (var upstream in chain.Upstreams)
        {
            if (upstream == task.Id)
            {
                Add(found, index, new Diagnostic(file, chain.At, Severity.Error, DiagnosticCodes.ChainCycle,
                    $"schedule.after: the task '{task.Id}' cannot run after itself.",
                    "Remove its own id from after:; for a task that runs again and again, use every: or cron: instead."));
            }
            else if (!byId.TryGetValue(upstream, out var found2))
            {
                Add(found, index, retired is not null && retired.Ids.Contains(upstream)
                    ? Retired(file, task, chain, upstream, retired.Reason)
                    : Unknown(file, chain, upstream, byId));
            }
            else if (results[found2].Task is { Enabled: false })
            {
                Add(found, index, new Diagnostic(file, chain.At, Severity.Warning, DiagnosticCodes.UpstreamDisabled,
                    $"schedule.after: '{upstream}' is disabled, so '{task.Id}' will not run after it until it is enabled again.",
                    $"Enable '{upstream}', or remove it from after:."));
            }
        }
    }

    private static Diagnostic Unknown(string file, ChainDefinition chain, string upstream, Dictionary<string, int> byId)
    {
        var near = byId.Keys.Where(id => Suggestions.Distance(upstream, id) <= 1).Order(StringComparer.Ordinal).Take(3).ToList();
        return new Diagnostic(file, chain.At, Severity.Error, DiagnosticCodes.UnknownUpstream,
            $"schedule.after: '{upstream}' is not a task in this folder.",
            near.Count > 0
                ? $"Did you mean {string.Join(", ", near.Select(n => $"'{n}'"))}?"
                : "Name a task by its file's path under schedules/ without extension, e.g. backups/nightly-db.");
    }

    /// <summary>
    /// Not a typo: the task existed and its file is gone. The chained task stays valid (serve keeps loading it, plan
    /// keeps head valid) and simply waits; the warning says why nothing starts it.
    /// </summary>
    private static Diagnostic Retired(string file, TaskDefinition task, ChainDefinition chain, string upstream, string reason)
    {
        var all = chain.WaitFor == ChainWaitFor.All && chain.Upstreams.Count > 1 ? " (it waits for all of its upstream tasks, so it will not run at all)" : "";
        return new Diagnostic(file, chain.At, Severity.Warning, DiagnosticCodes.UpstreamRetired,
            $"schedule.after: upstream '{upstream}' {reason} (retired); this task will not run after it until a file defines '{upstream}' again{all}.",
            $"Remove '{upstream}' from after: (or give '{task.Id}' a schedule of its own), or bring back the file of '{upstream}'.");
    }

    /// <summary>A depth-first walk from every chained task along its upstreams; a task met again on the path closes a cycle.</summary>
    private static void FindCycles(List<TaskFileResult> results, Dictionary<string, int> byId, Dictionary<int, List<Diagnostic>> found)
    {
        var state = new byte[results.Count]; // 0 unseen, 1 on the path, 2 done
        var path = new List<int>();
        var onPath = new Dictionary<int, int>();
        for (var root = 0; root < results.Count; root++)
        {
            if (state[root] != 0 || results[root].Task?.Schedule.After is null)
            {
                continue;
            }

            // An explicit stack of (task, next upstream to look at): a long chain must not overflow the call stack.
            var stack = new Stack<(int Task, int Next)>();
            stack.Push((root, 0));
            state[root] = 1;
            onPath[root] = path.Count;
            path.Add(root);
            while (stack.Count > 0)
            {
                var (current, next) = stack.Pop();
                var upstreams = results[current].Task?.Schedule.After?.Upstreams ?? [];
                if (next >= upstreams.Count)
                {
                    state[current] = 2;
                    onPath.Remove(current);
                    path.RemoveAt(path.Count - 1);
                    continue;
                }

                stack.Push((current, next + 1));
                if (!byId.TryGetValue(upstreams[next], out var upstream) || upstream == current)
                {
                    continue; // unknown, or itself: reported already
                }

                if (state[upstream] == 1)
                {
                    ReportCycle(results, path.GetRange(onPath[upstream], path.Count - onPath[upstream]), found);
                }
                else if (state[upstream] == 0 && results[upstream].Task?.Schedule.After is not null)
                {
                    state[upstream] = 1;
                    onPath[upstream] = path.Count;
                    path.Add(upstream);
                    stack.Push((upstream, 0));
                }
            }
        }
    }

    private static void ReportCycle(List<TaskFileResult> results, List<int> cycle, Dictionary<int, List<Diagnostic>> found)
    {
        // The walk goes from a task to its upstreams; people read a chain the other way, in the order the runs go.
        cycle.Reverse();
        for (var i = 0; i < cycle.Count; i++)
        {
            var index = cycle[i];
            var ids = Enumerable.Range(0, cycle.Count + 1).Select(k => results[cycle[(i + k) % cycle.Count]].TaskId);
            var chain = results[index].Task!.Schedule.After!;
            Add(found, index, new Diagnostic(results[index].DisplayPath, chain.At, Severity.Error, DiagnosticCodes.ChainCycle,
                $"schedule.after: the chain comes back to where it started: {string.Join(" -> ", ids)}.",
                "A chain must end somewhere: remove one of these after: links, or give one of the tasks a schedule of its own."));
        }
    }

    private static void Add(Dictionary<int, List<Diagnostic>> found, int index, Diagnostic diagnostic)
    {
        if (!found.TryGetValue(index, out var list))
        {
            found[index] = list = [];
        }

        list.Add(diagnostic);
    }
}
