using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scheduler.Definitions.Tests.Schema;

/// <summary>What a JSON instance is, in JSON Schema's terms (its type, its text or number), and how an error shows it.</summary>
internal static class JsonInstance
{
    public static bool HasType(JsonNode? instance, string type) => type switch
    {
        "null" => instance is null,
        "object" => instance is JsonObject,
        "array" => instance is JsonArray,
        "string" => Text(instance) is not null,
        "boolean" => instance is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        "number" => Number(instance) is not null,
        "integer" => Number(instance) is { } number && Math.Floor(number) == number && !double.IsInfinity(number),
        _ => throw new NotSupportedException($"The type '{type}' is not a JSON Schema type."),
    };

    public static string? Text(JsonNode? instance) =>
        instance is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static double? Number(JsonNode? instance) =>
        instance is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            ? double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)
            : null;

    public static string Kind(JsonNode? instance) => instance switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        _ => instance.GetValueKind().ToString().ToLowerInvariant(),
    };

    public static string Display(JsonNode? instance) => instance?.ToJsonString() ?? "null";
}
