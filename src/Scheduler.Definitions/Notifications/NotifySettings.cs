namespace Scheduler.Definitions.Notifications;

/// <summary>
/// <c>Scheduler:Notify</c> in appsettings.json, bound as written: the same shape as a task's <c>notify</c> key
/// (<c>On</c>, <c>Streak</c>, <c>Webhook:UrlFromEnv</c>, <c>Webhook:Format</c>, <c>Webhook:Template</c>).
/// </summary>
public sealed class NotifySettings
{
    public List<string> On { get; set; } = [];

    public int? Streak { get; set; }

    public WebhookSettings? Webhook { get; set; }

    /// <summary>The page's address as people reach it (e.g. https://scheduler.example.com), for links in notifications; optional.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>The queue between the engine and the delivery worker; when full, new notifications are dropped and counted.</summary>
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>Attempts per notification, the first included.</summary>
    public int MaxAttempts { get; set; } = 5;

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait before the second attempt; each later attempt waits twice as long.</summary>
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromSeconds(2);
}
