using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Scheduler.Web.Api;

/// <summary>
/// Reads the optional <c>{"params":{...}}</c> body of run now by hand, so that every problem with it is a 400 in the
/// errors shape (a bad value under its parameter's name) rather than the framework's own answer.
/// </summary>
internal static class RunNowBody
{
    public static async Task<(Dictionary<string, string> Values, Dictionary<string, string> Errors)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            return (values, errors); // no body: every parameter takes its default
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            errors[ErrorsJson.BodyKey] = $"the body is not JSON ({e.Message}): send {{\"params\":{{\"NAME\":\"VALUE\"}}}}, or no body for the defaults.";
            return (values, errors);
        }

        using (document)
        {
            var root = document.RootElement;
            var given = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("params", out var found) ? found : default;
            if (root.ValueKind != JsonValueKind.Object || given.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined))
            {
                errors[ErrorsJson.BodyKey] = "the body must be an object with \"params\", an object of NAME: VALUE, e.g. {\"params\":{\"region\":\"eu\"}}.";
                return (values, errors);
            }

            if (given.ValueKind != JsonValueKind.Object)
            {
                return (values, errors); // {} or {"params": null}: the defaults
            }

            foreach (var parameter in given.EnumerateObject())
            {
                if (TextOf(parameter.Value) is { } value)
                {
                    values[parameter.Name] = value;
                }
                else
                {
                    errors[parameter.Name] = $"{parameter.Value.GetRawText()} is not a value: give a string, a number or true/false.";
                }
            }
        }

        return (values, errors);
    }

    /// <summary>The text a value stands for, as <c>--param NAME=VALUE</c> would give it: numbers as written, true/false.</summary>
    private static string? TextOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };
}
