using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Scheduler.Web.Api.Document;

/// <summary>The document's own parts: title, description, the <c>api</c> tag and the bearer scheme that API tokens use.</summary>
internal sealed class ApiDocumentInfo : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Scheduler API";
        document.Info.Version = "v1";
        document.Info.Description =
            "The JSON API of `scheduler serve`: tasks, runs, run now (with typed parameters) and the server's status. " +
            "Reads need the viewer role (anonymous on loopback, a signed-in session, or an API token); writes need an API token " +
            "with the operator role. Instants are UTC. docs/api.md describes each answer.";
        document.Info.License = new OpenApiLicense { Name = "UNLICENSED", Url = new Uri("https://spdx.org/licenses/") };
        document.Tags = new HashSet<OpenApiTag>
        {
            new() { Name = "api", Description = "Tasks, runs, run now and status." },
            new() { Name = "probes", Description = "Liveness and readiness for a supervisor or Kubernetes; anonymous, plain text." },
        };
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/'); // the server's own address, as the request reached it; paths start with '/'
        }

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiDocument.BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API token (Scheduler:Api:Tokens:NAME or Scheduler:Api:Token) as 'Authorization: Bearer TOKEN'; its role decides what it may do.",
        };
        return Task.CompletedTask;
    }
}
