using System.Text;
using System.Text.Encodings.Web;

namespace Scheduler.Web.Security;

/// <summary>
/// The small page a refused browser gets (401 or 403): what happened and how to fix it. Built here rather than in
/// the page's layout, so it renders even where the page itself may not be shown to this user.
/// </summary>
internal static class AuthPage
{
    public static string Render(string heading, IEnumerable<string> paragraphs, (string Href, string Text)? link = null)
    {
        var html = HtmlEncoder.Default;
        var page = new StringBuilder()
            .Append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(html.Encode(heading)).Append(" · Scheduler</title>\n")
            .Append("<link rel=\"stylesheet\" href=\"/static/app.css\">\n</head>\n<body>\n")
            .Append("<header class=\"top\"><a href=\"/\" class=\"brand\">Scheduler</a></header>\n<main>\n")
            .Append("<h1>").Append(html.Encode(heading)).Append("</h1>\n");
        foreach (var paragraph in paragraphs)
        {
            page.Append("<p>").Append(html.Encode(paragraph)).Append("</p>\n");
        }

        if (link is { } l)
        {
            page.Append("<p><a href=\"").Append(html.Encode(l.Href)).Append("\">").Append(html.Encode(l.Text)).Append("</a></p>\n");
        }

        return page.Append("</main>\n</body>\n</html>\n").ToString();
    }
}
