namespace Scheduler.Definitions.Model;

/// <summary>
/// Where a notification goes. The URL itself is a secret, so the definition names only the environment
/// variable that holds it; it is read at delivery time.
/// </summary>
public sealed record WebhookTarget(string UrlFromEnv, WebhookFormat Format, string? Template = null)
{
    /// <summary>How the target is shown and recorded: the variable's name and the format, never the URL.</summary>
    public string Describe() => $"{UrlFromEnv} ({Format.ToString().ToLowerInvariant()})";
}
