using Scheduler.Definitions.Model;

namespace Scheduler.Definitions.Notifications;

/// <summary>The words of the <c>notify</c> key, as written in YAML, appsettings.json, payloads and the store.</summary>
public static class NotifyNames
{
    public static IReadOnlyDictionary<string, NotifyEvent> Events { get; } = new Dictionary<string, NotifyEvent>(StringComparer.Ordinal)
    {
        ["failure"] = NotifyEvent.Failure,
        ["timeout"] = NotifyEvent.Timeout,
        ["recovery"] = NotifyEvent.Recovery,
        ["missed"] = NotifyEvent.Missed,
        ["streak"] = NotifyEvent.Streak,
        ["suspended"] = NotifyEvent.Suspended,
    };

    /// <summary>The built-in formats; <c>template</c> is chosen by giving <c>template:</c> instead of <c>format:</c>.</summary>
    public static IReadOnlyDictionary<string, WebhookFormat> Formats { get; } = new Dictionary<string, WebhookFormat>(StringComparer.Ordinal)
    {
        ["slack"] = WebhookFormat.Slack,
        ["teams"] = WebhookFormat.Teams,
        ["discord"] = WebhookFormat.Discord,
        ["generic"] = WebhookFormat.Generic,
    };

    public static string Of(NotifyEvent notifyEvent) => notifyEvent.ToString().ToLowerInvariant();

    public static string Of(WebhookFormat format) => format.ToString().ToLowerInvariant();
}
