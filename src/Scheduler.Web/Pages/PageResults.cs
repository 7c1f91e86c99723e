using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Scheduler.Web.Components;
using Scheduler.Web.Rendering;
using Scheduler.Web.Security;
using Scheduler.Web.Views;

namespace Scheduler.Web.Pages;

/// <summary>Wraps rendered components as HTML responses: a whole page in the layout, or a fragment for htmx.</summary>
internal sealed class PageResults(ComponentRenderer renderer, IHttpContextAccessor http)
{
    /// <summary>A page: <typeparamref name="TBody"/> with <paramref name="model"/> inside <see cref="PageLayout"/>.</summary>
    public Task<HtmlResult> PageAsync<TBody>(string title, object model, Notice? notice = null, int status = StatusCodes.Status200OK)
        where TBody : IComponent
    {
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [nameof(PageLayout.Title)] = title,
            [nameof(PageLayout.Notice)] = notice,
            [nameof(PageLayout.User)] = CurrentUser.Of(http.HttpContext),
            [nameof(PageLayout.Body)] = Body<TBody>(model),
        };
        return Task.FromResult(new HtmlResult(renderer, typeof(PageLayout), parameters, status));
    }

    /// <summary>A fragment: <typeparamref name="TComponent"/> with <paramref name="model"/> alone, for htmx to swap in.</summary>
    public Task<HtmlResult> FragmentAsync<TComponent>(object model, int status = StatusCodes.Status200OK)
        where TComponent : IComponent =>
        Task.FromResult(new HtmlResult(renderer, typeof(TComponent), ModelParameters.Of(model), status));

    public Task<HtmlResult> NoticeAsync(Notice notice, int status) => FragmentAsync<NoticeLine>(notice, status);

    public Task<HtmlResult> NotFoundAsync(string heading, string message) =>
        PageAsync<Message>(heading, new MessageView(heading, message), status: StatusCodes.Status404NotFound);

    private static RenderFragment Body<TBody>(object model)
        where TBody : IComponent =>
        (RenderTreeBuilder builder) =>
        {
            builder.OpenComponent<TBody>(0);
            builder.AddComponentParameter(1, "Model", model);
            builder.CloseComponent();
        };
}
