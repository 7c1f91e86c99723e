using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Logging;

namespace Scheduler.Web.Rendering;

/// <summary>
/// Renders the page's Razor components to HTML on the server: compiled and type-checked, every expression
/// encoded by the renderer (only markup written in a <c>.razor</c> file is markup). One short-lived
/// <see cref="HtmlRenderer"/> per render, because a renderer keeps every root component it rendered until it is
/// disposed.
/// </summary>
internal sealed class ComponentRenderer(IServiceProvider services, ILoggerFactory loggerFactory)
{
    private readonly EncoderServices _services = new(services);

    /// <summary>Renders <typeparamref name="TComponent"/> with its parameters by name.</summary>
    public async Task<string> RenderAsync<TComponent>(IDictionary<string, object?> parameters)
        where TComponent : IComponent
    {
        await using var renderer = new HtmlRenderer(_services, loggerFactory);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
            return output.ToHtmlString();
        });
    }

    /// <summary>
    /// Renders <paramref name="component"/> and writes its HTML to <paramref name="writer"/> (which then holds all
    /// of it), without making a string of it.
    /// </summary>
    public async Task RenderToAsync(Type component, IDictionary<string, object?> parameters, Utf8PipeTextWriter writer)
    {
        await using var renderer = new HtmlRenderer(_services, loggerFactory);
        await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync(component, ParameterView.FromDictionary(parameters));
            output.WriteHtmlTo(writer);
            writer.Complete();
        });
    }

    /// <summary>The renderer encodes with the <see cref="HtmlEncoder"/> it finds among the services: ours (<see cref="PageHtmlEncoder"/>).</summary>
    private sealed class EncoderServices(IServiceProvider inner) : IServiceProvider
    {
        public object? GetService(Type serviceType) =>
            serviceType == typeof(HtmlEncoder) ? PageHtmlEncoder.Instance : inner.GetService(serviceType);
    }
}
