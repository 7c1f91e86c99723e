using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Scheduler.Engine.Handlers;
using Scheduler.Engine.Running;
using Scheduler.State.Store;

namespace Scheduler.Engine;

/// <summary>
/// Fires every task at its slots. One loop owns all scheduling state (a priority queue of next slots: no
/// thread or timer per task) and sleeps on the <see cref="TimeProvider"/> until the next decision or a
/// command (definitions applied, run now, cancel, a run finished). Decisions come from the pure
/// <see cref="Planning.SlotPlanner"/>; every run is claimed in the store before it starts.
/// </summary>
public sealed partial class SchedulerEngine
{
    private readonly RunStore _store;
    private readonly HandlerRegistry _handlers;
    private readonly TimeProvider _time;
    private readonly EngineOptions _options;
    private readonly ILogger _logger;
    private readonly Notifications.IRunEventSink? _events;
    private readonly Channel<Func<Task>> _commands = Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, TaskSlots> _tasks = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, DateTimeOffset> _due = new();
    private readonly PriorityQueue<RetryItem, DateTimeOffset> _retries = new();
    private readonly Dictionary<long, ActiveRun> _active = [];
    private readonly Dictionary<string, List<ActiveRun>> _overlapping = new(StringComparer.Ordinal);
    private readonly FinishWriter _finishes;
    private readonly Queue<ActiveRun> _waiting = new();
    private readonly List<State.Entities.RunRecord> _unmatchedRetries = [];
    // Places under the concurrency cap: taken by the loop when it admits a run, freed (and handed to the next waiting
    // run) by the run's own task the moment its handler returns, without a round trip through the loop.
    private readonly Lock _places = new();
    private int _executing;
    private bool _closed;
    private bool _stopping;

    public SchedulerEngine(
        RunStore store, HandlerRegistry handlers, TimeProvider time, EngineOptions options, ILogger<SchedulerEngine> logger, Notifications.IRunEventSink? events = null)
    {
        _events = events;
        _store = store;
        _handlers = handlers;
        _time = time;
        _options = options;
        _logger = logger;
        _finishes = new FinishWriter(store, logger);
    }

    /// <summary>The runs this process is executing or about to execute, for the status page.</summary>
    public int ActiveRunCount { get; private set; }

    /// <summary>Replaces the set of tasks: new ones are scheduled, changed ones rescheduled, missing ones dropped (their runs finish).</summary>
    public Task ApplyAsync(IReadOnlyCollection<ScheduledTask> tasks, CancellationToken cancellationToken = default) =>
        PostAsync(() => ApplyCoreAsync(tasks, cancellationToken));

    /// <summary>Starts a manual run now, under the task's overlap policy.</summary>
    public Task<RunNowResult> RunNowAsync(string taskId, CancellationToken cancellationToken = default) =>
        PostAsync(() => RunNowCoreAsync(taskId, cancellationToken));

    /// <summary>Stops a run of this process as a timeout does (TERM, kill-grace, KILL); it is recorded as cancelled.</summary>
    public Task<CancelResult> CancelAsync(long runId, CancellationToken cancellationToken = default) =>
        PostAsync(() => CancelCoreAsync(runId, cancellationToken));

    /// <summary>Runs the loop until <paramref name="stopping"/> fires, then stops the active runs and records what was left as interrupted.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        await RecoverAsync(stopping);
        EngineLog.Started(_logger, _options.Instance, _tasks.Count);
        var heartbeats = HeartbeatLoopAsync(stopping);
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                await DrainCommandsAsync();
                var now = _time.GetUtcNow();
                await PollCancelRequestsIfDueAsync(now, stopping);
                await FireDueAsync(now, stopping);
                await FireRetriesAsync(now, stopping);
                await WaitAsync(NextWake(now), now, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // A stop that lands mid-write still shuts down gracefully below.
        }

        await heartbeats;
        await ShutdownAsync();
    }

    private async Task WaitAsync(DateTimeOffset wakeAt, DateTimeOffset now, CancellationToken stopping)
    {
        var delay = wakeAt - now;
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        using var wake = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var sleep = Task.Delay(delay, _time, wake.Token);
        var command = _commands.Reader.WaitToReadAsync(wake.Token).AsTask();

        // The clock may have moved on since `now` was read (a jump, or a test's fake clock advanced in between): a timer
        // made after that would wait the full delay from the new time and the slot would come late.
        if (_time.GetUtcNow() < wakeAt)
        {
            await Task.WhenAny(sleep, command);
        }

        await wake.CancelAsync();
        await Task.WhenAll(sleep, command).ContinueWith(static _ => { }, TaskScheduler.Default); // observe the cancellations
    }

    private DateTimeOffset NextWake(DateTimeOffset now)
    {
        // Wake at least every minute: a clock that jumps is noticed even when nothing is due soon.
        var wake = now + TimeSpan.FromMinutes(1);
        if (_due.TryPeek(out _, out var due) && due < wake)
        {
            wake = due;
        }

        if (_retries.TryPeek(out _, out var retry) && retry < wake)
        {
            wake = retry;
        }

        return _active.Count > 0 && _nextCancelPoll < wake ? _nextCancelPoll : wake;
    }

    private async Task DrainCommandsAsync()
    {
        while (_commands.Reader.TryRead(out var command))
        {
            await command();
        }

        ActiveRunCount = _active.Count;
    }

    private Task<T> PostAsync<T>(Func<Task<T>> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _commands.Writer.TryWrite(async () =>
        {
            try
            {
                done.SetResult(await work());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        return done.Task;
    }

    private Task<bool> PostAsync(Func<Task> work) => PostAsync(async () =>
    {
        await work();
        return true;
    });

    /// <summary>A store failure must not kill the loop: it is logged and the loop goes on (the next write may succeed).</summary>
    private async Task GuardAsync(Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            EngineLog.StoreFailed(_logger, e);
        }
    }
}
