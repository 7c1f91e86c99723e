using System.Text.Json.Nodes;
using Scheduler.Definitions.Model;

namespace Scheduler.Engine.Notifications;

/// <summary>The built-in bodies: Slack, Microsoft Teams (an Adaptive Card in a message), Discord and generic JSON.</summary>
internal static class Payloads
{
    /// <summary>Discord refuses content over 2000 characters.</summary>
    private const int DiscordLimit = 2000;

    public static string Build(WebhookFormat format, NotificationModel model) => format switch
    {
        WebhookFormat.Slack => Slack(model),
        WebhookFormat.Teams => Teams(model),
        WebhookFormat.Discord => Discord(model),
        WebhookFormat.Generic => Generic(model).ToJsonString(),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "A template body is rendered by NotificationTemplate."),
    };

    /// <summary>The generic body, and the model a template reads.</summary>
    public static JsonObject Generic(NotificationModel model) => new()
    {
        ["event"] = model.Event,
        ["task"] = new JsonObject { ["id"] = model.TaskId, ["description"] = model.Description },
        ["run"] = new JsonObject
        {
            ["id"] = model.RunId,
            ["status"] = model.Status,
            ["exitCode"] = model.ExitCode,
            ["slot"] = model.Slot,
            ["startedAt"] = model.StartedAt,
            ["finishedAt"] = model.FinishedAt,
            ["attempt"] = model.Attempt,
            ["trigger"] = model.Trigger,
            ["error"] = model.Error,
            ["outputTail"] = model.OutputTail,
            ["revision"] = model.Revision,
        },
        ["streak"] = model.Streak,
        ["failingSince"] = model.FailingSince,
        ["instance"] = model.Instance,
        ["url"] = model.Url,
    };

    private static string Slack(NotificationModel model)
    {
        var text = $"*{Escape(model.Title)}*\n{Escape(string.Join('\n', model.Details()))}";
        if (model.OutputTail.Length > 0)
        {
            text += $"\n```{Escape(model.OutputTail.Replace("```", "'''", StringComparison.Ordinal))}```";
        }

        if (model.Url is not null)
        {
            text += $"\n<{model.Url}|Open the task>";
        }

        return new JsonObject { ["text"] = text }.ToJsonString();
    }

    private static string Teams(NotificationModel model)
    {
        var body = new JsonArray
        {
            new JsonObject { ["type"] = "TextBlock", ["text"] = model.Title, ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true },
            new JsonObject { ["type"] = "TextBlock", ["text"] = string.Join("\n\n", model.Details()), ["wrap"] = true },
        };
        if (model.OutputTail.Length > 0)
        {
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = model.OutputTail, ["fontType"] = "Monospace", ["wrap"] = true });
        }

        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["body"] = body,
        };
        if (model.Url is not null)
        {
            card["actions"] = new JsonArray { new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Open the task", ["url"] = model.Url } };
        }

        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray
            {
                new JsonObject { ["contentType"] = "application/vnd.microsoft.card.adaptive", ["contentUrl"] = null, ["content"] = card },
            },
        }.ToJsonString();
    }

    private static string Discord(NotificationModel model)
    {
        var head = $"**{model.Title}**\n{string.Join('\n', model.Details())}";
        var link = model.Url is null ? "" : $"\n<{model.Url}>";
        var room = DiscordLimit - head.Length - link.Length - 10;
        var output = model.OutputTail.Length == 0 || room <= 0 ? ""
            : $"\n```\n{(model.OutputTail.Length <= room ? model.OutputTail : model.OutputTail[^room..]).Replace("```", "'''", StringComparison.Ordinal)}```";
        var content = head + output + link;
        return new JsonObject { ["content"] = content.Length <= DiscordLimit ? content : content[..DiscordLimit] }.ToJsonString();
    }

    /// <summary>Slack reads &amp;, &lt; and &gt; as markup: https://api.slack.com/reference/surfaces/formatting#escaping.</summary>
    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
