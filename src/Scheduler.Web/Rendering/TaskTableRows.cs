using System.Globalization;
using System.Net;
using System.Text;
using Scheduler.Web.Views;

namespace Scheduler.Web.Rendering;

/// <summary>
/// The overview's table rows, written in C# rather than in the Scriban template: a row is some thirty
/// expressions, and Scriban's reflective member access and per-expression writes made 1,000 rows cost ~80 ms of
/// the page (<c>scheduler-bench page</c>), where this takes a few. The markup is the template's markup, escaped
/// the same way (<see cref="WebUtility.HtmlEncode(string)"/> on every value), so tests and htmx see no difference.
/// </summary>
internal static class TaskTableRows
{
    public static SafeHtml Render(IReadOnlyList<TaskRow> tasks, FormToken form)
    {
        var html = new StringBuilder(tasks.Count * 1100);
        var token = $"<input type=\"hidden\" name=\"{Encode(form.Name)}\" value=\"{Encode(form.Value)}\">";
        foreach (var t in tasks)
        {
            var id = Encode(t.Id);
            var state = Encode(t.State);
            html.Append("<tr id=\"task-").Append(id).Append("\" data-testid=\"task-row-").Append(id).Append("\" class=\"state-").Append(state).Append("\">\n");

            html.Append("<td><a href=\"").Append(Encode(t.Url)).Append("\" data-testid=\"task-link-").Append(id).Append("\">").Append(id).Append("</a>");
            html.Append(t.IsSystem ? " <span class=\"badge\">system</span>" : "");
            Optional(html, "<div class=\"muted\">", t.Description, "</div>");
            Optional(html, "<div class=\"config-error\">", t.ConfigError, "</div>");
            html.Append("</td>\n");

            html.Append("<td>").Append(Encode(t.Schedule)).Append("<div class=\"muted\">").Append(Encode(t.TimeZone)).Append("</div></td>\n");
            html.Append("<td><span class=\"badge state-").Append(state).Append("\" data-testid=\"task-state-").Append(id).Append("\">").Append(state).Append("</span></td>\n");
            LastRun(html, t.LastRun);
            NextRun(html, t.NextRun);

            html.Append("<td class=\"num").Append(t.FailureStreak > 0 ? " status-failed" : "").Append("\">")
                .Append(t.FailureStreak.ToString(CultureInfo.InvariantCulture)).Append("</td>\n");
            html.Append("<td>");
            if (t.CanRun)
            {
                html.Append("<form method=\"post\" action=\"/actions/run-now\" hx-post=\"/actions/run-now\" hx-target=\"#notice\" hx-swap=\"innerHTML\">")
                    .Append(token).Append("<input type=\"hidden\" name=\"task\" value=\"").Append(id).Append("\"><button type=\"submit\" data-testid=\"run-now-")
                    .Append(id).Append("\">Run now</button></form>");
            }

            html.Append("</td>\n</tr>\n");
        }

        return new SafeHtml(html.ToString());
    }

    private static void LastRun(StringBuilder html, RunCell? run)
    {
        html.Append("<td>");
        if (run is null)
        {
            html.Append("<span class=\"muted\">never</span></td>\n");
            return;
        }

        var status = Encode(run.Status);
        var utc = Encode(run.WhenUtc);
        html.Append("<a href=\"").Append(Encode(run.Url)).Append("\" class=\"status status-").Append(status).Append("\">").Append(status).Append("</a> ")
            .Append("<time datetime=\"").Append(utc).Append("\" title=\"").Append(utc).Append("\">").Append(Encode(run.When)).Append("</time> ")
            .Append("<span class=\"muted\">· ").Append(Encode(run.Duration)).Append("</span></td>\n");
    }

    private static void NextRun(StringBuilder html, NextRunCell? next)
    {
        html.Append("<td>");
        if (next is null)
        {
            html.Append("<span class=\"muted\">none</span></td>\n");
            return;
        }

        var utc = Encode(next.Utc);
        html.Append("<time datetime=\"").Append(utc).Append("\" title=\"").Append(utc).Append("\">").Append(Encode(next.Local)).Append("</time>")
            .Append("<div class=\"muted\">").Append(Encode(next.Relative)).Append(" · ").Append(utc).Append("</div></td>\n");
    }

    // Scriban's `if` treats an empty string as false, as this does.
    private static void Optional(StringBuilder html, string open, string? text, string close)
    {
        if (!string.IsNullOrEmpty(text))
        {
            html.Append(open).Append(Encode(text)).Append(close);
        }
    }

    private static string Encode(string? text) => text is null ? "" : WebUtility.HtmlEncode(text);
}
