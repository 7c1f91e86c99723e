using System.Text.Json.Nodes;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Scheduler.Engine.Notifications;

/// <summary>
/// Renders a task's own body template over the same model as the generic JSON body, strictly (as run templates
/// are, see <see cref="Handlers.TemplateRenderer"/>): an unknown variable is an error, not empty text.
/// </summary>
internal static class NotificationTemplate
{
    public static string Render(string text, NotificationModel model)
    {
        var template = Template.Parse(text);
        if (template.HasErrors)
        {
            throw new InvalidOperationException($"the body template does not parse: {string.Join("; ", template.Messages)}");
        }

        var context = new TemplateContext { StrictVariables = true };
        context.PushGlobal((ScriptObject)ToScript(Payloads.Generic(model))!);
        try
        {
            return template.Render(context);
        }
        catch (ScriptRuntimeException e)
        {
            throw new InvalidOperationException($"the body template failed to render: {e.OriginalMessage}", e);
        }
    }

    // Scriban reads ScriptObjects member by member; the JSON tree keeps the exact field names (exitCode, not exit_code).
    private static object? ToScript(JsonNode? node) => node switch
    {
        JsonObject obj => obj.Aggregate(new ScriptObject(), (script, field) =>
        {
            script[field.Key] = ToScript(field.Value);
            return script;
        }),
        JsonValue value => value.GetValue<object>() is System.Text.Json.JsonElement element ? Element(element) : value.GetValue<object>(),
        _ => null,
    };

    private static object? Element(System.Text.Json.JsonElement element) => element.ValueKind switch
    {
        System.Text.Json.JsonValueKind.String => element.GetString(),
        System.Text.Json.JsonValueKind.Number => element.GetInt64(),
        _ => null,
    };
}
