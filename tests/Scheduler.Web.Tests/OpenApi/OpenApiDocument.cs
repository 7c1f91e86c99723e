using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Scheduler.Web.Tests.OpenApi;

/// <summary>
/// The served <c>/openapi/v1.json</c> as the tests read it: its operations by path and method, and a check of a live
/// answer against the schema the document gives for its status (OpenAPI 3.1 schemas are JSON Schema 2020-12).
/// </summary>
internal sealed class OpenApiDocument(JsonObject document)
{
    public JsonObject Root { get; } = document;

    public static async Task<OpenApiDocument> FetchAsync(WebServer server) =>
        new(JsonNode.Parse(await server.GetTextAsync("/openapi/v1.json"))!.AsObject());

    public IEnumerable<string> Paths => Root["paths"]!.AsObject().Select(p => p.Key);

    public JsonObject? Operation(string path, string method) => Root["paths"]?[path]?[method.ToLowerInvariant()]?.AsObject();

    public IEnumerable<(string Path, string Method, JsonObject Operation)> Operations =>
        Root["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()
            .Where(m => m.Value is JsonObject)
            .Select(m => (p.Key, m.Key, m.Value!.AsObject())));

    /// <summary>The problems of <paramref name="body"/> (of <paramref name="mediaType"/>) as the answer <paramref name="status"/> of the operation; none when it fits.</summary>
    public IReadOnlyList<string> Check(string path, string method, int status, string? mediaType, string body)
    {
        var operation = Operation(path, method) ?? throw new InvalidOperationException($"the document has no {method} {path}");
        if (operation["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] is not JsonObject response)
        {
            return [$"{method} {path} answered {status}, which the document does not list ({string.Join(", ", operation["responses"]!.AsObject().Select(r => r.Key))})"];
        }

        if (!string.IsNullOrEmpty(mediaType) && mediaType != "application/json")
        {
            return response["content"]?[mediaType] is not null ? [] : [$"{method} {path} {status} answered {mediaType}, which the document does not list"];
        }

        if (response["content"]?["application/json"]?["schema"] is not JsonObject schema)
        {
            return string.IsNullOrEmpty(body) ? [] : [$"{method} {path} {status} has a body but the document gives it no JSON schema"];
        }

        var json = SchemaText(schema);
        var evaluation = JsonSchema.FromText(json, new BuildOptions { SchemaRegistry = new SchemaRegistry() }, new Uri($"https://scheduler.test/{Guid.NewGuid():N}"))
            .Evaluate(JsonDocument.Parse(body).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        return evaluation.IsValid
            ? []
            : [.. (evaluation.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{method} {path} {status} at '{d.InstanceLocation}' ({d.EvaluationPath}): {e.Value}"))];
    }

    /// <summary>The operation's schema as a standalone JSON Schema: the document's components become its <c>$defs</c>.</summary>
    private string SchemaText(JsonObject schema)
    {
        var standalone = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$defs"] = Root["components"]?["schemas"]?.DeepClone() ?? new JsonObject(),
        };
        foreach (var (key, value) in schema)
        {
            standalone[key] = value?.DeepClone();
        }

        return standalone.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
    }
}
