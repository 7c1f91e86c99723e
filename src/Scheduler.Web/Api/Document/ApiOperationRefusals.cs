using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;
using Scheduler.Web.Security;

namespace Scheduler.Web.Api.Document;

/// <summary>
/// Per operation, what the middleware adds before the handler runs: the security it takes (writes: an API token with
/// the operator role; reads: a token, or none where anonymous reading is allowed or a session is signed in), the
/// 401 and 403 of the authorization answer, the 429 of the write limit, each with the <c>{"reason"}</c> body, and an
/// operation id where the endpoint has no name.
/// </summary>
internal sealed class ApiOperationRefusals : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        operation.OperationId ??= OperationId(context.Description.HttpMethod, context.Description.RelativePath);
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security = [new OpenApiSecurityRequirement()]; // the probes: anyone, whatever Scheduler:Auth says
            operation.Responses ??= [];
            operation.Responses.TryAdd("400", new OpenApiResponse { Description = "The Host header is not one of AllowedHosts (host filtering answers before any endpoint, with no body)." });
            return;
        }

        var tokenOnly = metadata.OfType<IAuthorizeData>().Any(a => a.Policy == AuthPolicies.ApiWrite);
        var limited = metadata.OfType<EnableRateLimitingAttribute>().Any();

        var bearer = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiDocument.BearerScheme, context.Document)] = [] };
        operation.Security = tokenOnly ? [bearer] : [bearer, new OpenApiSecurityRequirement()];

        var reason = await ReasonSchemaAsync(context, cancellationToken);
        operation.Responses ??= [];
        Add(operation, "401", "Not signed in, or no (or a wrong) API token: the reason says what to send.", reason);
        Add(operation, "403", "Signed in, or a token, without the role this needs (or API writes are not enabled): the reason says which.", reason);
        if (limited)
        {
            Add(operation, "429", "Too many writes (Scheduler:Api:WriteLimit); try again after the Retry-After header's seconds.", reason);
        }
    }

    private static void Add(OpenApiOperation operation, string status, string description, IOpenApiSchema schema)
    {
        if (!operation.Responses!.ContainsKey(status))
        {
            operation.Responses[status] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
            };
        }
    }

    /// <summary>The <c>ReasonJson</c> component every refusal answers with, added once to the document.</summary>
    private static async Task<IOpenApiSchema> ReasonSchemaAsync(OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        const string id = nameof(ReasonJson);
        var document = context.Document!;
        if (document.Components?.Schemas?.ContainsKey(id) != true)
        {
            document.AddComponent(id, await context.GetOrCreateSchemaAsync(typeof(ReasonJson), null, cancellationToken));
        }

        return new OpenApiSchemaReference(id, document);
    }

    /// <summary>For an endpoint without a name: <c>POST api/pause</c> gives <c>postPause</c>.</summary>
    private static string OperationId(string? method, string? path)
    {
        var words = (path ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w != "api" && !w.StartsWith('{'))
            .Select(w => char.ToUpperInvariant(w[0]) + w[1..].Replace("-", "", StringComparison.Ordinal));
        return (method ?? "get").ToLowerInvariant() + string.Concat(words);
    }
}
