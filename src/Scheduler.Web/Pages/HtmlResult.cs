using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Scheduler.Web.Rendering;

namespace Scheduler.Web.Pages;

/// <summary>
/// An HTML response rendered from a component when the response is written: the renderer writes straight into
/// the response's buffers (<see cref="ComponentRenderer.RenderToAsync"/>) instead of into a string that is then
/// copied and encoded (a page is 50-250 KB: two large-object-heap allocations per request, and the collections of
/// that heap landed in the tail of the overview's latency).
/// </summary>
internal sealed class HtmlResult(ComponentRenderer renderer, Type component, IDictionary<string, object?> parameters, int statusCode) : IResult
{
    public int StatusCode => statusCode;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = "text/html; charset=utf-8";
        using var writer = new Utf8PipeTextWriter(response.BodyWriter);
        await renderer.RenderToAsync(component, parameters, writer);
        if (!response.HasStarted)
        {
            response.ContentLength = writer.BytesWritten;
        }

        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }
}
