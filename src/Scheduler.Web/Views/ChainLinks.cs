using Scheduler.Definitions.Model;
using Scheduler.Definitions.Runs;
using Scheduler.Definitions.Values;
using Scheduler.State.Entities;
using Scheduler.State.Store;

namespace Scheduler.Web.Views;

/// <summary>
/// Who follows whom, for the task page. Finding a task's downstreams means reading every definition, so the reverse
/// index is built once and kept for <see cref="Fresh"/> (the page polls; chains change only with a reconcile).
/// </summary>
internal sealed class ChainLinks(RunStore store, Engine.Registry.DefinitionRegistry definitions, TimeProvider time)
{
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(10);
    private readonly Lock _lock = new();
    private (DateTimeOffset At, Dictionary<string, TaskRecord> Tasks, ILookup<string, string> Downstreams)? _index;

    public async Task<ChainLinksView?> ForAsync(string taskId, TaskDefinition? definition, CancellationToken cancellationToken)
    {
        var (tasks, downstreams) = await IndexAsync(cancellationToken);
        var chain = definition?.Schedule.After;
        if (chain is null && !downstreams.Contains(taskId))
        {
            return null;
        }

        var now = time.GetUtcNow();
        return new ChainLinksView(
            chain?.Describe(),
            [.. (chain?.Upstreams ?? []).Select(id => Link(id, tasks, now))],
            [.. downstreams[taskId].Order(StringComparer.Ordinal).Select(id => Link(id, tasks, now))]);
    }

    private static ChainLink Link(string id, Dictionary<string, TaskRecord> tasks, DateTimeOffset now) =>
        tasks.TryGetValue(id, out var task) && task.LastRunId is { } runId
            ? new ChainLink(id, TasksUrl.Of(id), task.LastRunStatus is { } s ? RunNames.Of(s) : "none", RunsUrl.Of(runId),
                task.LastRunStartedAt is { } at ? TimeText.Relative(at, now) : null)
            : new ChainLink(id, TasksUrl.Of(id), tasks.ContainsKey(id) ? "none" : "unknown", null, null);

    private async Task<(Dictionary<string, TaskRecord>, ILookup<string, string>)> IndexAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_index is { } index && now - index.At < Fresh)
            {
                return (index.Tasks, index.Downstreams);
            }
        }

        var tasks = (await store.ListTasksAsync(cancellationToken)).Where(t => t.State != TaskState.Retired).ToDictionary(t => t.Id, StringComparer.Ordinal);
        var downstreams = tasks.Values
            .Select(t => (t.Id, Chain: definitions.Get(t, now)?.Schedule.After))
            .Where(t => t.Chain is not null)
            .SelectMany(t => t.Chain!.Upstreams.Select(upstream => (Upstream: upstream, Downstream: t.Id)))
            .ToLookup(p => p.Upstream, p => p.Downstream, StringComparer.Ordinal);
        lock (_lock)
        {
            _index = (now, tasks, downstreams);
        }

        return (tasks, downstreams);
    }
}
