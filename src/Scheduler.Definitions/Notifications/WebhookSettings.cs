namespace Scheduler.Definitions.Notifications;

/// <summary>The <c>Webhook</c> part of <see cref="NotifySettings"/>.</summary>
public sealed class WebhookSettings
{
    public string? UrlFromEnv { get; set; }

    public string? Format { get; set; }

    public string? Template { get; set; }
}
