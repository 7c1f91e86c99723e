using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Scheduler.Engine;
using Scheduler.Engine.Handlers;
using Scheduler.Engine.Running;
using Scheduler.State.Entities;
using Scheduler.State.Store;

namespace Scheduler.Benchmarks.Runtime;

/// <summary>
/// The real engine on the real SQLite store (a fresh file in a temporary folder), composed as
/// <c>scheduler serve</c> does it (src/Scheduler/Serving/ServeHost.cs) minus the web host and the
/// folder source: tasks go to the store one call each, as the reconciler writes them, then to the engine as a set.
/// Logging is off: serve's console log of every run start and end is an I/O cost no peer pays.
/// </summary>
internal sealed class EngineUnderTest : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly HandlerRegistry _handlers;
    private readonly string _dataDirectory;
    private Task? _loop;

    private EngineUnderTest(SchedulerStore store, HandlerRegistry handlers, EngineOptions options, string dataDirectory)
    {
        Store = store;
        _handlers = handlers;
        _dataDirectory = dataDirectory;
        Options = options;
        Engine = new SchedulerEngine(store.Runs, handlers, TimeProvider.System, options, Logs.CreateLogger<SchedulerEngine>());
    }

    // Errors only (a store failure must show; skipped slots show as missing runs); SCHEDULER_BENCH_LOG=Information logs every run as serve does.
    // Read once: a filter that read the variable on each call cost the engine's every log check an environment lookup.
    private static readonly LogLevel MinimumLevel = Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable("SCHEDULER_BENCH_LOG"), out var min) ? min : LogLevel.Error;

    private static ILoggerFactory Logs { get; } = LoggerFactory.Create(b => b
        .AddSimpleConsole(o => o.SingleLine = true)
        .SetMinimumLevel(MinimumLevel)
        .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));

    public SchedulerStore Store { get; }

    public SchedulerEngine Engine { get; }

    public EngineOptions Options { get; }

    /// <summary>Opens a new store in a new temporary folder, deleted on dispose.</summary>
    public static async Task<EngineUnderTest> OpenAsync(string name, params IRunHandler[] handlers)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"scheduler-bench-{name}-{Guid.NewGuid():N}");
        var store = await SchedulerStore.OpenSqliteAsync(directory);
        return new EngineUnderTest(store, new HandlerRegistry(handlers), new EngineOptions { Instance = "bench" }, directory);
    }

    /// <summary>SQLite's journal mode and synchronous level as the store's connections have them (the durability the figures are bought with).</summary>
    public async Task<string> DescribeDurabilityAsync()
    {
        await using var db = await Store.Contexts.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        var journal = await command.ExecuteScalarAsync();
        command.CommandText = "PRAGMA synchronous;";
        var synchronous = Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        var level = synchronous switch { 0 => "OFF", 1 => "NORMAL", 2 => "FULL (an fsync per commit)", 3 => "EXTRA", _ => synchronous.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        return $"journal_mode={journal}, synchronous={level}";
    }

    /// <summary>Stores one task as the reconciler does for a folder of one valid file.</summary>
    public Task RegisterAsync(ScheduledTask task, DateTimeOffset now) => RegisterAsync([task], now);

    /// <summary>Stores the tasks as the reconciler does for a folder of valid files: one upsert of the set.</summary>
    public Task RegisterAsync(IReadOnlyList<ScheduledTask> tasks, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        return Store.Runs.UpsertTasksAsync(
            [.. tasks.Select(task => new AppliedDefinition(task.Id, task.Definition.SourcePath, $"schedule: \"{task.Definition.Schedule.Text}\"\n", task.Id, task.Revision,
                task.Definition.Slots.NextAfter(now)?.Utc, TaskState.Active))],
            now,
            CancellationToken.None);
    }

    /// <summary>Starts the loop and hands it the tasks (the engine takes definitions only while its loop runs).</summary>
    public async Task StartAsync(IReadOnlyCollection<ScheduledTask> tasks)
    {
        _loop = Engine.RunAsync(_stop.Token);
        await Engine.ApplyAsync(tasks);
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Dispose();
        _handlers.Dispose();
        await Store.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp folder is harmless
        }
    }
}
