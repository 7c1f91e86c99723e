using System.Text.RegularExpressions;
using Scheduler.Definitions.Diagnostics;
using Scheduler.Definitions.Model;
using Scheduler.Definitions.Notifications;
using Scheduler.Definitions.Templates;

namespace Scheduler.Definitions.Parsing;

/// <summary>Reads the task's <c>notify</c> key: events, the streak threshold and one webhook named by an environment variable.</summary>
internal sealed partial class NotifyReader(ValueReader values)
{
    private DiagnosticBag Diagnostics => values.Diagnostics;

    public NotifyDefinition? Read(YamlNode node)
    {
        if (values.Mapping(node, "notify") is not { } mapping)
        {
            return null;
        }

        var fields = new KeyedFields(mapping, "notify", Keys.Notify, Diagnostics);
        var on = fields.Value("on") is { } onNode ? Events(onNode) : NotifyDefinition.DefaultEvents;
        var streak = fields.Value("streak") is { } streakNode ? values.Int(streakNode, "notify.streak", 1, 1000) : NotifyDefinition.DefaultStreak;
        WebhookTarget? webhook = null;
        if (fields.Value("webhook") is { } webhookNode)
        {
            webhook = Webhook(webhookNode);
        }
        else
        {
            Diagnostics.Error(mapping.Start, DiagnosticCodes.MissingRequired, "notify: 'webhook' is missing: there is nowhere to send the notifications.",
                "Add webhook: { url-from-env: OPS_WEBHOOK_URL, format: slack } (slack, teams, discord or generic).");
        }

        return on is not null && streak is not null && webhook is not null ? new NotifyDefinition(on, streak.Value, webhook) : null;
    }

    private List<NotifyEvent>? Events(YamlNode node)
    {
        IReadOnlyList<YamlNode> items = node is YamlScalar { IsNull: false } ? [node] : values.List(node, "notify.on")?.Items ?? [];
        if (node is not YamlScalar && node is not YamlSequence)
        {
            return null;
        }

        var events = new List<NotifyEvent>();
        var ok = true;
        for (var i = 0; i < items.Count; i++)
        {
            var path = node is YamlSequence ? Paths.Index("notify.on", i) : "notify.on";
            if (values.Choice(items[i], path, NotifyNames.Events) is { } notifyEvent)
            {
                if (!events.Contains(notifyEvent))
                {
                    events.Add(notifyEvent);
                }
            }
            else
            {
                ok = false;
            }
        }

        return ok ? events : null;
    }

    private WebhookTarget? Webhook(YamlNode node)
    {
        if (values.Mapping(node, "notify.webhook") is not { } mapping)
        {
            return null;
        }

        // 'url' is not a key of the format; it gets its own message, because the fix is not a spelling.
        var fields = new KeyedFields(mapping, "notify.webhook", [.. Keys.Webhook, "url"], Diagnostics);
        if (fields.KeyNode("url") is { } urlKey)
        {
            Diagnostics.Error(urlKey.Start, DiagnosticCodes.SecretInDefinition,
                "notify.webhook.url: a webhook URL is a secret and must not be written in a task file (it is committed to git).",
                SecretText.Hint);
        }

        string? variable = null;
        if (fields.Value("url-from-env") is { } envNode)
        {
            variable = values.String(envNode, "notify.webhook.url-from-env");
            if (variable is not null && !EnvironmentName().IsMatch(variable))
            {
                Diagnostics.Error(envNode.Start, DiagnosticCodes.InvalidValue,
                    $"notify.webhook.url-from-env: '{variable}' is not a valid environment variable name.",
                    "Use letters, digits and '_', not starting with a digit, e.g. OPS_WEBHOOK_URL.");
                variable = null;
            }
        }
        else
        {
            Diagnostics.Error(mapping.Start, DiagnosticCodes.MissingRequired, "notify.webhook: 'url-from-env' is missing.",
                "Name the environment variable that holds the webhook URL, e.g. url-from-env: OPS_WEBHOOK_URL.");
        }

        var (format, template) = Body(fields, mapping);
        return variable is not null && format is not null && fields.KeyNode("url") is null ? new WebhookTarget(variable, format.Value, template) : null;
    }

    private (WebhookFormat? Format, string? Template) Body(KeyedFields fields, YamlMapping mapping)
    {
        var formatNode = fields.Value("format");
        var templateNode = fields.Value("template");
        if (formatNode is not null && templateNode is not null)
        {
            Diagnostics.Error(templateNode.Start, DiagnosticCodes.InvalidValue, "notify.webhook: give either 'format' or 'template', not both.",
                "Keep format: for a built-in payload (slack, teams, discord, generic), or template: for a body of your own.");
            return (null, null);
        }

        if (formatNode is not null)
        {
            return (values.Choice(formatNode, "notify.webhook.format", NotifyNames.Formats), null);
        }

        if (templateNode is null)
        {
            Diagnostics.Error(mapping.Start, DiagnosticCodes.MissingRequired, "notify.webhook: 'format' (or 'template') is missing.",
                "Add format: slack, teams, discord or generic, or template: \"...\" with a Scriban body.");
            return (null, null);
        }

        if (values.String(templateNode, "notify.webhook.template") is not { } text)
        {
            return (null, null);
        }

        var scalar = (YamlScalar)templateNode;
        int? columnOffset = text.Contains('\n', StringComparison.Ordinal) ? null : scalar.Start.Column + (scalar.IsPlain ? 0 : 1);
        var before = Diagnostics.Items.Count;
        TemplateChecker.Check(text, "notify.webhook.template", scalar.Start, columnOffset, Diagnostics, NotifyVariables.Members, NotifyVariables.List);
        return Diagnostics.Items.Count == before ? (WebhookFormat.Template, text) : (null, null);
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*\\z")]
    private static partial Regex EnvironmentName();
}
