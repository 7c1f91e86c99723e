using Microsoft.Extensions.Logging.Abstractions;
using Scheduler.Definitions.Notifications;
using Scheduler.Definitions.Runs;
using Scheduler.Engine.Notifications;
using Scheduler.Engine.Running;
using Scheduler.State.Entities;
using Scheduler.State.Store;

namespace Scheduler.Engine.Tests.Notifications;

/// <summary>A notifier on a real SQLite store in a temp folder, posting to a <see cref="WebhookListener"/>.</summary>
internal sealed class NotifierHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Slot = new(2026, 11, 23, 2, 30, 0, TimeSpan.Zero);

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly HttpClient _http;

    private NotifierHarness(HttpClient http, SchedulerStore store, WebhookListener listener, Notifier notifier)
    {
        _http = http;
        Store = store;
        Listener = listener;
        Notifier = notifier;
    }

    public SchedulerStore Store { get; }

    public WebhookListener Listener { get; }

    public Notifier Notifier { get; }

    public static async Task<NotifierHarness> StartAsync(TimeProvider? time = null, NotifySettings? settings = null, bool start = true)
    {
        var directory = Directory.CreateTempSubdirectory("scheduler-notify-").FullName;
        var store = await SchedulerStore.OpenSqliteAsync(directory);
        var listener = await WebhookListener.StartAsync();
        var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var notifier = new Notifier(
            store.Runs, http, time ?? TimeProvider.System, settings ?? new NotifySettings { FirstBackoff = TimeSpan.FromMilliseconds(10) }, null, "test-instance",
            NullLogger<Notifier>.Instance)
        {
            Environment = name => name == "HOOK" ? listener.Url : null,
        };
        var harness = new NotifierHarness(http, store, listener, notifier);
        if (start)
        {
            await notifier.StartAsync(CancellationToken.None);
        }

        return harness;
    }

    /// <summary>A failed run of a task whose notify key is <paramref name="notifyYaml"/> (one line of flow YAML).</summary>
    public static RunEvent Failed(string notifyYaml, string taskId = "backups/nightly-db") => new(
        new ScheduledTask(TestTasks.Parse($"description: Nightly backup\nschedule: \"30 2 * * *\"\nshell: x\nnotify: {notifyYaml}\n", taskId), "rev1"),
        RunEventKind.Finished, 42, Slot, 1, RunTrigger.Schedule, RunStatus.Failed, Slot.AddSeconds(9))
    {
        ExitCode = 3,
        Error = "exit code 3",
        OutputTail = "line 1\nline 2\ndisk <full> & \"quoted\"\n",
        StartedAt = Slot.AddSeconds(1),
        FinishedAt = Slot.AddSeconds(9),
        PreviousStreak = 0,
        FailureStreak = 1,
    };

    /// <summary>Polls the store (bounded in real time, while <paramref name="tick"/> may move a fake clock) until one notification matches.</summary>
    public async Task<NotificationRecord> WaitForAsync(string taskId, Func<NotificationRecord, bool> done, string what, Action? tick = null)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var found = (await Store.Runs.ListNotificationsAsync(taskId, 10, CancellationToken.None)).FirstOrDefault(done);
            if (found is not null)
            {
                return found;
            }

            if (waited.Elapsed > Patience)
            {
                var seen = await Store.Runs.ListNotificationsAsync(taskId, 10, CancellationToken.None);
                throw new TimeoutException($"Waited {Patience} for {what}; recorded: {string.Join("; ", seen.Select(n => $"{n.Event} {n.Status} x{n.Attempts} {n.LastError}"))}");
            }

            tick?.Invoke();
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Notifier.StopAsync(CancellationToken.None);
        Notifier.Dispose();
        await Listener.DisposeAsync();
        await Store.DisposeAsync();
        _http.Dispose();
    }
}
