using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Scheduler.Web.Api.Document;

/// <summary>
/// <c>/openapi/v1.json</c>, generated from the endpoints and completed where the endpoints cannot say it themselves:
/// the title and tag, the bearer scheme (<see cref="ApiDocumentInfo"/>), and per operation its security and the
/// refusals the middleware answers before the handler runs (<see cref="ApiOperationRefusals"/>). Clients are
/// generated from this document: <c>tests/Scheduler.Web.Tests/OpenApi</c> lints it and checks live answers against it.
/// </summary>
internal static class ApiDocument
{
    public const string BearerScheme = "bearer";

    public static void Add(IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            options.AddDocumentTransformer(new ApiDocumentInfo());
            options.AddOperationTransformer(new ApiOperationRefusals());
        });
}
