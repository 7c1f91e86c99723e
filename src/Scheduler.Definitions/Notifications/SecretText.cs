using System.Text.RegularExpressions;

namespace Scheduler.Definitions.Notifications;

/// <summary>
/// Recognises text that looks like a webhook URL or a URL carrying a token. Such a value in a task file would be
/// committed to git for everyone with read access; it belongs in an environment variable named by <c>url-from-env</c>.
/// </summary>
public static partial class SecretText
{
    public const string Hint =
        "Keep secrets out of git: put the URL in an environment variable of the scheduler and name it, e.g. webhook: { url-from-env: OPS_WEBHOOK_URL, format: slack }.";

    private static readonly string[] WebhookHosts = ["hooks.slack.com", "webhook.office.com", "discord.com/api/webhooks", "discordapp.com/api/webhooks"];

    /// <summary>Null when the text looks harmless, else what it looks like, for the message.</summary>
    public static string? Describe(string text)
    {
        foreach (var host in WebhookHosts)
        {
            if (text.Contains(host, StringComparison.OrdinalIgnoreCase))
            {
                return $"a webhook URL ({host})";
            }
        }

        return TokenInUrl().IsMatch(text) ? "a URL with a token in it" : null;
    }

    [GeneratedRegex(@"https?://\S*token=", RegexOptions.IgnoreCase)]
    private static partial Regex TokenInUrl();
}
