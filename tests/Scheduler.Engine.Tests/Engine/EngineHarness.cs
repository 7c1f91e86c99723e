using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Scheduler.Definitions.Runs;
using Scheduler.Engine.Handlers;
using Scheduler.Engine.Running;
using Scheduler.State.Entities;
using Scheduler.State.Store;

namespace Scheduler.Engine.Tests.Engine;

/// <summary>
/// A real engine on a real SQLite file in a temp folder, driven by a <see cref="TestClock"/> and a
/// <see cref="ScriptedHandler"/>. The loop runs on the thread pool; tests move the clock, then wait (polling,
/// bounded by a real-time deadline) until the store shows what should have happened.
/// </summary>
internal sealed class EngineHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset DefaultStart = new(2026, 11, 23, 11, 59, 30, TimeSpan.Zero);

    /// <summary>How long a wait for an outcome may take in real time before the test fails; outcomes normally take milliseconds.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    /// <summary>A task id no test uses: run-now on it is a no-op command that tells when the loop has drained.</summary>
    private const string NoSuchTask = "harness/no-such-task";

    private readonly List<RunningEngine> _engines = [];
    private readonly List<SchedulerStore> _stores = [];
    private readonly List<HandlerRegistry> _registries = [];
    private readonly Dictionary<string, ScheduledTask> _tasks = new(StringComparer.Ordinal);

    private EngineHarness(string dataDirectory, TestClock clock, SchedulerStore store)
    {
        DataDirectory = dataDirectory;
        Clock = clock;
        Store = store;
        _stores.Add(store);
    }

    public string DataDirectory { get; }

    public TestClock Clock { get; }

    public ScriptedHandler Handler { get; } = new();

    public SchedulerStore Store { get; }

    public RunStore Runs => Store.Runs;

    /// <summary>The first engine still running.</summary>
    public SchedulerEngine Engine => _engines.First(e => !e.Loop.IsCompleted).Engine;

    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <param name="pageLimit">A size cap the test can lower (a full disk) and lift; the store then opens a connection per unit of work.</param>
    public static async Task<EngineHarness> CreateAsync(DateTimeOffset? start = null, PageLimit? pageLimit = null)
    {
        var directory = Directory.CreateTempSubdirectory("scheduler-engine-").FullName;
        var store = pageLimit is null
            ? await SchedulerStore.OpenSqliteAsync(directory)
            : await SchedulerStore.OpenAsync(new StoreOptions { DataDirectory = directory, Pooling = false, PageLimit = pageLimit });
        return new EngineHarness(directory, new TestClock(start ?? DefaultStart), store);
    }

    /// <summary>Another connection to the same database file, as a second process would have.</summary>
    public async Task<SchedulerStore> OpenSameStoreAsync()
    {
        var store = await SchedulerStore.OpenSqliteAsync(DataDirectory);
        _stores.Add(store);
        return store;
    }

    /// <summary>
    /// Starts an engine loop and applies the tasks the harness knows (as a reconcile at start-up would). Returns once the
    /// loop has run its start-up recovery and taken the tasks.
    /// </summary>
    public async Task<SchedulerEngine> StartEngineAsync(
        string instance = "a", int maxConcurrentRuns = 16, SchedulerStore? store = null, TimeSpan? shutdownGrace = null, Scheduler.Engine.Notifications.IRunEventSink? events = null,
        TimeSpan? instanceLease = null, IRunHandler? handler = null)
    {
        var options = new EngineOptions
        {
            Instance = instance,
            MaxConcurrentRuns = maxConcurrentRuns,
            ShutdownGrace = shutdownGrace ?? TimeSpan.FromSeconds(30),
            InstanceLease = instanceLease ?? new EngineOptions().InstanceLease,

            // Live output is not under test here; an hourly flush keeps its timers out of the way.
            OutputFlushInterval = TimeSpan.FromHours(1),
        };
        var registry = new HandlerRegistry([handler ?? Handler]); // a real handler (processes) instead of the scripted one
        _registries.Add(registry);
        var engine = new SchedulerEngine((store ?? Store).Runs, registry, Clock, options, NullLogger<SchedulerEngine>.Instance, events);
        var stop = new CancellationTokenSource();
        var loop = Task.Run(() => engine.RunAsync(stop.Token));
        _engines.Add(new RunningEngine(engine, stop, loop));
        await Within(engine.ApplyAsync([.. _tasks.Values]), $"engine '{instance}' to start");
        return engine;
    }

    /// <summary>
    /// Cancels the engine's loop at a quiet moment (between iterations) as the host does on shutdown, and waits for
    /// <see cref="SchedulerEngine.RunAsync"/> to return. A stop in the middle of an iteration has its own test.
    /// </summary>
    public async Task StopEngineAsync(SchedulerEngine engine)
    {
        var running = _engines.Single(e => e.Engine == engine);
        await BarrierAsync(engine);
        await running.Stop.CancelAsync();
        await Within(running.Loop, "the engine loop to return");
    }

    /// <summary>Cancels the loop without waiting, for tests that watch the shutdown itself.</summary>
    public Task BeginStopAsync(SchedulerEngine engine, out Task loop)
    {
        var running = _engines.Single(e => e.Engine == engine);
        loop = running.Loop;
        return running.Stop.CancelAsync();
    }

    /// <summary>
    /// Adds (or replaces) a task written as YAML, records it in the store as the reconciler would (so the task's
    /// catch-up mark, summary and streak have a row), and applies the whole set to every running engine.
    /// </summary>
    public async Task<ScheduledTask> ApplyAsync(string id, string yaml, string revision = "rev1")
    {
        var task = new ScheduledTask(TestTasks.Parse(yaml, id), revision);
        var definition = task.Definition;
        await Runs.UpsertTaskAsync(
            new AppliedDefinition(
                id, $"schedules/{id}.yaml", yaml, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(yaml))), revision,
                definition.Enabled ? definition.Slots.NextAfter(Now)?.Utc : null, definition.Enabled ? TaskState.Active : TaskState.Disabled),
            Now,
            CancellationToken.None);
        _tasks[id] = task;
        await ApplyKnownAsync();
        return task;
    }

    /// <summary>Applies the known set again, freshly parsed, as every reconcile does.</summary>
    public async Task ReapplyAsync()
    {
        foreach (var (id, task) in _tasks.ToList())
        {
            var yaml = (await Runs.GetTaskAsync(id, CancellationToken.None))!.DefinitionYaml;
            _tasks[id] = task with { Definition = TestTasks.Parse(yaml, id) };
        }

        await ApplyKnownAsync();
    }

    /// <summary>Waits until the engine's loop has drained everything posted so far and gone round once more.</summary>
    public async Task BarrierAsync(SchedulerEngine? engine = null)
    {
        var target = engine ?? Engine;
        for (var i = 0; i < 2; i++)
        {
            var result = await Within(target.RunNowAsync(NoSuchTask), "the engine loop to drain its commands");
            Assert.Equal(RunNowOutcome.NotFound, result.Outcome);
        }
    }

    /// <summary>
    /// Waits until every running engine has taken in the end of its runs (a run is recorded as ended in the store a
    /// moment before its engine's loop forgets it; a slot coming in between would meet it under overlap: forbid).
    /// </summary>
    public async Task SettleAsync()
    {
        foreach (var running in _engines.Where(e => !e.Loop.IsCompleted))
        {
            await EventuallyAsync(
                async () =>
                {
                    await BarrierAsync(running.Engine);
                    return running.Engine.ActiveRunCount;
                },
                count => count == 0,
                "the engine to have no active runs",
                count => $"{count} active run(s)");
        }
    }

    /// <summary>Every run in the store (of one task, or all), oldest first.</summary>
    public async Task<IReadOnlyList<RunRecord>> RunsOfAsync(string? taskId = null) =>
        [.. (await Runs.ListRunsAsync(taskId, 10_000, null, CancellationToken.None)).Reverse()];

    public Task<IReadOnlyList<RunRecord>> WaitForRunsAsync(string? taskId, Func<IReadOnlyList<RunRecord>, bool> done, string what) =>
        EventuallyAsync(() => RunsOfAsync(taskId), done, what, RunText.Describe);

    public async Task<RunRecord> WaitForRunAsync(long runId, Func<RunRecord, bool> done, string what) =>
        (await EventuallyAsync(() => Runs.GetRunAsync(runId, CancellationToken.None), r => r is not null && done(r), what, r => r is null ? "no such run" : RunText.Describe([r])))!;

    public async Task<RunRecord> WaitForStatusAsync(long runId, RunStatus status) =>
        await WaitForRunAsync(runId, r => r.Status == status, $"run #{runId} to be {RunNames.Of(status)}");

    public Task<IReadOnlyList<HandlerCall>> WaitForCallsAsync(string taskId, int count) =>
        EventuallyAsync(() => Task.FromResult(Handler.CallsOf(taskId)), c => c.Count >= count, $"{count} handler call(s) for {taskId}", c => $"{c.Count} call(s)");

    public Task<TaskRecord> WaitForTaskAsync(string taskId, Func<TaskRecord, bool> done, string what) =>
        EventuallyAsync(async () => (await Runs.GetTaskAsync(taskId, CancellationToken.None))!, done, what, RunText.DescribeTask);

    /// <summary>Polls <paramref name="probe"/> until <paramref name="done"/>; fails with what was last seen after a few real seconds.</summary>
    public async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, Func<T, string> describe)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            ThrowIfAnEngineCrashed();
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (Stopwatch.GetElapsedTime(started) > Patience)
            {
                throw new Xunit.Sdk.XunitException($"Timed out waiting for {what} (clock at {RunText.Format(Now)}). Last seen:\n{describe(value)}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(5), CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Handler.ReleaseAll();
        foreach (var running in _engines)
        {
            await running.Stop.CancelAsync();
        }

        foreach (var running in _engines)
        {
            // A test that failed mid-way must still not leave a loop behind; its outcome was already reported.
            await running.Loop.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default)
                .WaitAsync(Patience).ContinueWith(static _ => { }, TaskScheduler.Default);
            running.Stop.Dispose();
        }

        foreach (var registry in _registries)
        {
            registry.Dispose();
        }

        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans temp; a leftover file must not fail a test.
        }
    }

    private async Task ApplyKnownAsync()
    {
        foreach (var running in _engines.Where(e => !e.Loop.IsCompleted))
        {
            await Within(running.Engine.ApplyAsync([.. _tasks.Values]), "the engine to take the tasks");
        }
    }

    private async Task<T> Within<T>(Task<T> work, string what)
    {
        await Within((Task)work, what);
        return await work;
    }

    private async Task Within(Task work, string what)
    {
        var started = Stopwatch.GetTimestamp();
        while (!work.IsCompleted)
        {
            ThrowIfAnEngineCrashed();
            if (Stopwatch.GetElapsedTime(started) > Patience)
            {
                throw new Xunit.Sdk.XunitException($"Timed out waiting for {what}.");
            }

            await Task.WhenAny(work, Task.Delay(TimeSpan.FromMilliseconds(20), CancellationToken.None));
        }

        await work;
    }

    private void ThrowIfAnEngineCrashed()
    {
        if (_engines.FirstOrDefault(e => e.Loop.IsFaulted) is { } crashed)
        {
            throw new Xunit.Sdk.XunitException($"The engine loop crashed: {crashed.Loop.Exception}");
        }
    }
}
