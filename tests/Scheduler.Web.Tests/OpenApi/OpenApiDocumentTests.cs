using System.Text.Json.Nodes;

namespace Scheduler.Web.Tests.OpenApi;

/// <summary>
/// The served OpenAPI document is what clients are generated from: every endpoint at its own path with an operation
/// id, its real schemas, its refusals and the bearer scheme, and it passes Redocly's recommended rules.
/// </summary>
public sealed class OpenApiDocumentTests
{
    /// <summary>Every documented operation. A new endpoint is a new row (the test fails until it is documented here).</summary>
    private static readonly (string Path, string Method, bool TokenOnly)[] Documented =
    [
        ("/healthz", "get", false),
        ("/readyz", "get", false),
        ("/api/tasks", "get", false),
        ("/api/tasks/{id}", "get", false),
        ("/api/tasks/{id}/runs", "get", false),
        ("/api/tasks/{id}/run", "post", true),
        ("/api/runs/{id}", "get", false),
        ("/api/runs/{id}/cancel", "post", true),
        ("/api/status", "get", false),
        ("/api/pause", "post", true),
        ("/api/resume", "post", true),
    ];

    [Fact]
    public async Task Every_endpoint_has_its_own_path_an_operation_id_the_bearer_scheme_and_its_refusals()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["hello"] = TaskFiles.Manual() });
        var document = await OpenApiDocument.FetchAsync(server);

        Assert.Equal(
            Documented.Select(d => $"{d.Method} {d.Path}").Order(StringComparer.Ordinal),
            document.Operations.Select(o => $"{o.Method} {o.Path}").Order(StringComparer.Ordinal));
        Assert.Equal("http", document.Root["components"]!["securitySchemes"]!["bearer"]!["type"]!.GetValue<string>());
        var ids = document.Operations.Select(o => o.Operation["operationId"]?.GetValue<string>()).ToList();
        Assert.All(ids, id => Assert.False(string.IsNullOrEmpty(id)));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        foreach (var (path, method, tokenOnly) in Documented.Where(d => d.Path.StartsWith("/api/", StringComparison.Ordinal)))
        {
            var operation = document.Operation(path, method)!;
            var security = operation["security"]!.AsArray();
            Assert.Equal(tokenOnly ? 1 : 2, security.Count); // reads: a token, or none (anonymous, or a signed-in session)
            var statuses = operation["responses"]!.AsObject().Select(r => r.Key).ToList();
            Assert.Contains("401", statuses);
            Assert.Contains("403", statuses);
            if (tokenOnly)
            {
                Assert.Contains("429", statuses);
            }
        }
    }

    [Fact]
    public async Task Each_operation_documents_the_shape_it_really_answers()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["hello"] = TaskFiles.Manual() });
        var document = await OpenApiDocument.FetchAsync(server);

        Assert.Equal("#/components/schemas/TaskDetailJson", Ref(document, "/api/tasks/{id}", "get", "200"));
        Assert.Equal("#/components/schemas/RunJson", document.Operation("/api/tasks/{id}/runs", "get")!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["items"]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/ErrorsJson", Ref(document, "/api/tasks/{id}/run", "post", "400"));
        Assert.Equal("#/components/schemas/RunStartedJson", Ref(document, "/api/tasks/{id}/run", "post", "202"));
        Assert.Equal("#/components/schemas/ReasonJson", Ref(document, "/api/tasks/{id}/run", "post", "409"));
        Assert.NotNull(document.Operation("/api/tasks/{id}/run", "post")!["requestBody"]!["content"]!["application/json"]!["schema"]);
    }

    [Fact]
    public async Task The_served_document_passes_redocly_lint_with_the_recommended_rules()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["hello"] = TaskFiles.Manual() });
        var folder = Directory.CreateTempSubdirectory("scheduler-openapi-").FullName;
        try
        {
            var file = Path.Combine(folder, "openapi.json");
            await File.WriteAllTextAsync(file, await server.GetTextAsync("/openapi/v1.json"));

            var (exitCode, output) = await RedoclyLint.RunAsync(file);

            Assert.True(exitCode == 0, $"redocly lint failed:\n{output}");
            // Warnings fail too: the recommended rules, all of them.
            Assert.False(System.Text.RegularExpressions.Regex.IsMatch(output, @"\d+:\d+\s+warning"), $"redocly lint warned:\n{output}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string? Ref(OpenApiDocument document, string path, string method, string status) =>
        document.Operation(path, method)!["responses"]![status]!["content"]!["application/json"]!["schema"]!["$ref"]?.GetValue<string>();
}
