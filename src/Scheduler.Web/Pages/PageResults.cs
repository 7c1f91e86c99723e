using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Scheduler.Web.Rendering;
using Scheduler.Web.Security;
using Scheduler.Web.Views;

namespace Scheduler.Web.Pages;

/// <summary>Wraps rendered templates as HTML responses: a whole page in the layout, or a fragment for htmx.</summary>
internal sealed class PageResults(PageRenderer renderer, IHttpContextAccessor http)
{
    public ContentHttpResult Page(string title, SafeHtml body, Notice? notice = null, int status = StatusCodes.Status200OK) =>
        Html(renderer.Render("layout", new { Title = title, Body = body, Notice = Notice(notice), User = CurrentUser.Of(http.HttpContext) }), status);

    public ContentHttpResult Fragment(string template, object model, int status = StatusCodes.Status200OK) =>
        Html(renderer.Render(template, model), status);

    public SafeHtml Render(string template, object model) => renderer.Render(template, model);

    public SafeHtml Notice(Notice? notice) => notice is null ? SafeHtml.Empty : renderer.Render("notice", notice);

    public ContentHttpResult NotFound(string heading, string message) =>
        Page(heading, renderer.Render("error", new { Heading = heading, Message = message }), status: StatusCodes.Status404NotFound);

    private static ContentHttpResult Html(SafeHtml html, int status) =>
        TypedResults.Content(html.Html, "text/html; charset=utf-8", statusCode: status);
}
