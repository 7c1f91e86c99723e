using Scheduler.Engine.Handlers;

namespace Scheduler.Engine.Tests.Engine;

/// <summary>
/// A handler serving the <c>shell</c> kind whose runs do what the test scripted, per task, in order
/// (then <see cref="DefaultFate"/>); it records every call with the <see cref="RunContext"/> it got.
/// </summary>
internal sealed class ScriptedHandler : IRunHandler
{
    private readonly Lock _gate = new();
    private readonly List<HandlerCall> _calls = [];
    private readonly Dictionary<string, Queue<Fate>> _scripts = new(StringComparer.Ordinal);

    public string Kind => "shell";

    public Fate DefaultFate { get; set; } = Fate.Succeed;

    public IReadOnlyList<HandlerCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>The next runs of <paramref name="taskId"/> meet these fates, one each.</summary>
    public void Script(string taskId, params Fate[] fates)
    {
        lock (_gate)
        {
            if (!_scripts.TryGetValue(taskId, out var queue))
            {
                _scripts[taskId] = queue = new Queue<Fate>();
            }

            foreach (var fate in fates)
            {
                queue.Enqueue(fate);
            }
        }
    }

    public IReadOnlyList<HandlerCall> CallsOf(string taskId) => [.. Calls.Where(c => c.Context.Task.Id == taskId)];

    public HandlerCall CallFor(long runId) =>
        Calls.SingleOrDefault(c => c.Context.RunId == runId) ?? throw new InvalidOperationException($"The handler was never called for run #{runId}.");

    /// <summary>Lets every blocked run end (succeeded), so no execution outlives its test.</summary>
    public void ReleaseAll()
    {
        foreach (var call in Calls)
        {
            call.Release();
        }
    }

    public async Task<HandlerOutcome> RunAsync(RunContext context, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(context);
        var call = new HandlerCall(context, cancel);
        Fate fate;
        lock (_gate)
        {
            _calls.Add(call);
            fate = _scripts.TryGetValue(context.Task.Id, out var queue) && queue.TryDequeue(out var next) ? next : DefaultFate;
        }

        switch (fate)
        {
            case Fate.Succeed:
                return HandlerOutcome.Succeeded();
            case Fate.Fail:
                return HandlerOutcome.Failed("scripted failure", exitCode: 1);
            case Fate.Block:
                await using (cancel.Register(call.Stopped))
                {
                    return await call.Outcome;
                }

            default:
                return await call.Outcome;
        }
    }
}
