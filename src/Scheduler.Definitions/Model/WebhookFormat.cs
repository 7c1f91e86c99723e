namespace Scheduler.Definitions.Model;

/// <summary>The body a webhook receives: a built-in payload for a chat service, generic JSON, or the task's own template.</summary>
public enum WebhookFormat
{
    Slack,
    Teams,
    Discord,
    Generic,
    Template,
}
