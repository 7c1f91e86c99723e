using Scheduler.Definitions.Diagnostics;
using Scheduler.Definitions.Loading;
using Scheduler.Definitions.Model;

namespace Scheduler.Definitions.Notifications;

/// <summary>
/// Turns <c>Scheduler:Notify</c> from appsettings.json into the definition a task without its own <c>notify</c>
/// uses. The settings are checked by the same reader as task files, so they obey the same rules.
/// </summary>
public static class NotifyDefaults
{
    /// <summary>Null when no webhook is configured (no defaults); the errors are sentences for the start-up log.</summary>
    public static NotifyDefinition? Read(NotifySettings? settings, out IReadOnlyList<string> errors)
    {
        errors = [];
        if (settings?.Webhook is not { } webhook || (webhook.UrlFromEnv is null && webhook.Format is null && webhook.Template is null))
        {
            return null;
        }

        // Written out as a task file, so the one reader checks it: event names, the variable's name, the template.
        var yaml = new System.Text.StringBuilder("schedule: { manual: true }\nshell: \"true\"\nnotify:\n");
        if (settings.On.Count > 0)
        {
            yaml.Append("  on: [").AppendJoin(", ", settings.On.Select(Quote)).Append("]\n");
        }

        if (settings.Streak is { } streak)
        {
            yaml.Append("  streak: ").Append(streak).Append('\n');
        }

        yaml.Append("  webhook:\n");
        AppendIf(yaml, "url-from-env", webhook.UrlFromEnv);
        AppendIf(yaml, "format", webhook.Format);
        AppendIf(yaml, "template", webhook.Template);

        var file = new SourceFile("settings/notify.yaml", "appsettings.json", System.Text.Encoding.UTF8.GetBytes(yaml.ToString()));
        var result = TaskReader.Read(file, DateTimeOffset.UnixEpoch);
        errors = [.. result.Diagnostics.Where(d => d.Severity == Severity.Error).Select(d => $"Scheduler:Notify: {d.Message} {d.Hint}")];
        return result.Task?.Notify;
    }

    private static void AppendIf(System.Text.StringBuilder yaml, string key, string? value)
    {
        if (value is not null)
        {
            yaml.Append("    ").Append(key).Append(": ").Append(Quote(value)).Append('\n');
        }
    }

    // A JSON string is a YAML double-quoted scalar: escapes and all.
    private static string Quote(string value) => System.Text.Json.JsonSerializer.Serialize(value);
}
