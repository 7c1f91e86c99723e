using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Scheduler.Definitions.Model;
using Scheduler.Definitions.Notifications;
using Scheduler.Engine.Running;
using Scheduler.State.Entities;
using Scheduler.State.Store;

namespace Scheduler.Engine.Notifications;

/// <summary>
/// Turns the engine's facts into notifications and delivers them in the background. The engine only ever calls
/// <see cref="Publish"/>, which queues and returns: a bounded queue (overflow is dropped, counted and logged), and
/// a worker that records each notification, posts it with a timeout per attempt and retries with exponential
/// backoff, a few deliveries at a time, so one webhook that never answers does not hold up the others.
/// </summary>
public sealed class Notifier : BackgroundService, IRunEventSink
{
    private const int MaxParallelDeliveries = 4;

    private readonly Channel<Notification> _queue;
    private readonly RunStore _store;
    private readonly WebhookSender _sender;
    private readonly TimeProvider _time;
    private readonly NotifySettings _settings;
    private readonly NotifyDefinition? _defaults;
    private readonly string _instance;
    private readonly ILogger _logger;
    private long _dropped;
    private long _sent;
    private long _failed;

    public Notifier(RunStore store, HttpClient http, TimeProvider time, NotifySettings settings, NotifyDefinition? defaults, string instance, ILogger<Notifier> logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _queue = Channel.CreateBounded<Notification>(new BoundedChannelOptions(Math.Max(1, settings.QueueCapacity)) { SingleReader = true });
        _store = store;
        _sender = new WebhookSender(http, time, settings.AttemptTimeout);
        _time = time;
        _settings = settings;
        _defaults = defaults;
        _instance = instance;
        _logger = logger;
    }

    /// <summary>Reads the webhook URL from the variable the definition names; tests give their own environment.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Notifications dropped because the queue was full, since start.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Notifications a webhook accepted, since start.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Notifications that ended failed (every attempt failed, no URL, a stop first), since start.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    public bool ListensTo(Running.ScheduledTask task) => (task?.Definition.Notify ?? _defaults) is not null;

    public void Publish(RunEvent runEvent)
    {
        ArgumentNullException.ThrowIfNull(runEvent);
        if ((runEvent.Task.Definition.Notify ?? _defaults) is not { } notify)
        {
            return;
        }

        foreach (var notifyEvent in NotifyEvents.For(runEvent, notify))
        {
            if (!_queue.Writer.TryWrite(new Notification(runEvent, notifyEvent, notify.Webhook)))
            {
                var dropped = Interlocked.Increment(ref _dropped);
                NotifyLog.Dropped(_logger, NotifyNames.Of(notifyEvent), runEvent.Task.Id, _settings.QueueCapacity, dropped);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await GuardAsync(async () =>
        {
            var abandoned = await _store.AbandonPendingNotificationsAsync(
                _instance, _time.GetUtcNow(), "the scheduler stopped before this notification was delivered", stoppingToken);
            if (abandoned > 0)
            {
                NotifyLog.Abandoned(_logger, abandoned);
            }
        });

        using var places = new SemaphoreSlim(MaxParallelDeliveries);
        var deliveries = new List<Task>();
        try
        {
            await foreach (var notification in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await places.WaitAsync(stoppingToken);
                deliveries.RemoveAll(d => d.IsCompleted);
                deliveries.Add(Task.Run(async () =>
                {
                    try
                    {
                        await DeliverAsync(notification, stoppingToken);
                    }
                    finally
                    {
                        places.Release();
                    }
                }, CancellationToken.None));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: deliveries in flight record themselves as failed below.
        }

        await Task.WhenAll(deliveries);
    }

    private async Task DeliverAsync(Notification notification, CancellationToken stopping)
    {
        var name = NotifyNames.Of(notification.Event);
        var taskId = notification.Fact.Task.Id;
        var target = notification.Target.Describe();
        long? id = null;
        var queuedAt = _time.GetUtcNow();
        await GuardAsync(async () => id = await _store.AddNotificationAsync(
            new NotificationRecord
            {
                TaskId = taskId, RunId = notification.Fact.RunId, Event = name, Target = target, Status = NotificationStatuses.Pending,
                CreatedAt = queuedAt, UpdatedAt = queuedAt, Instance = _instance,
            },
            CancellationToken.None));

        var attempts = 0;
        string error;
        try
        {
            error = await AttemptAllAsync(notification, id, onAttempt: () => attempts++, stopping) ?? "";
            if (error.Length == 0)
            {
                Interlocked.Increment(ref _sent);
                await RecordAsync(id, NotificationStatuses.Sent, attempts, null);
                NotifyLog.Sent(_logger, name, taskId, target, attempts);
                return;
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            error = "the scheduler stopped before this notification was delivered";
        }

        Interlocked.Increment(ref _failed);
        await RecordAsync(id, NotificationStatuses.Failed, attempts, error);
        NotifyLog.Failed(_logger, name, taskId, target, attempts, error);
    }

    /// <summary>Null once an attempt succeeded; otherwise the last error.</summary>
    private async Task<string?> AttemptAllAsync(Notification notification, long? id, Action onAttempt, CancellationToken stopping)
    {
        var variable = notification.Target.UrlFromEnv;
        var url = Environment(variable);
        if (string.IsNullOrWhiteSpace(url))
        {
            return $"the environment variable {variable} is not set: set it to the webhook URL where the scheduler runs";
        }

        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return $"the environment variable {variable} does not hold an http or https URL";
        }

        string body;
        try
        {
            body = Body(notification);
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }

        var maxAttempts = Math.Clamp(_settings.MaxAttempts, 1, 20);
        for (var attempt = 1; ; attempt++)
        {
            onAttempt();
            using var span = RunTracing.StartWebhook(notification.Fact.Trace, notification.Fact.Task.Id);
            var (error, retry) = await _sender.SendAsync(uri, body, stopping);
            if (error is null)
            {
                return null;
            }

            if (!retry || attempt >= maxAttempts)
            {
                return error;
            }

            var delay = Backoff(attempt);
            await RecordAsync(id, NotificationStatuses.Pending, attempt, error);
            NotifyLog.Retrying(_logger, NotifyNames.Of(notification.Event), notification.Fact.Task.Id, notification.Target.Describe(), attempt, error, delay);
            await Task.Delay(delay, _time, stopping);
        }
    }

    private string Body(Notification notification)
    {
        var model = NotificationModel.From(notification, _instance, _settings.PublicUrl);
        return notification.Target.Format == WebhookFormat.Template
            ? NotificationTemplate.Render(notification.Target.Template ?? "", model)
            : Payloads.Build(notification.Target.Format, model);
    }

    /// <summary>FirstBackoff, then twice that, and so on, at most five minutes.</summary>
    private TimeSpan Backoff(int attempt) =>
        TimeSpan.FromTicks(Math.Min(_settings.FirstBackoff.Ticks * (1L << Math.Min(attempt - 1, 20)), TimeSpan.FromMinutes(5).Ticks));

    private Task RecordAsync(long? id, string status, int attempts, string? error) =>
        id is { } known
            ? GuardAsync(() => _store.UpdateNotificationAsync(known, status, attempts, error, _time.GetUtcNow(), CancellationToken.None))
            : Task.CompletedTask;

    /// <summary>A store failure loses a record, never a delivery, and never stops the worker.</summary>
    private async Task GuardAsync(Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            NotifyLog.StoreFailed(_logger, e);
        }
    }
}
