using Microsoft.AspNetCore.Http;
using Scheduler.Web.Views;

namespace Scheduler.Web.Live;

/// <summary>
/// Which page a <c>/events</c> stream serves: <c>?page=overview</c> (with the overview's filter), <c>?page=task&amp;id=ID</c>
/// or <c>?page=run&amp;id=RUN</c> (with <c>o=BYTES</c>, how much output the page showed: <see cref="OutputShown"/>).
/// </summary>
internal sealed record LivePage(string Kind, string? TaskId, long RunId, TaskFilter Filter)
{
    /// <summary>On a run page: how many bytes of output the page was rendered with (null from an older page: the stream's first look is then its baseline).</summary>
    public long? OutputShown { get; init; }

    public static LivePage? From(IQueryCollection query)
    {
        var id = query["id"].ToString();
        return query["page"].ToString() switch
        {
            "overview" => new LivePage("overview", null, 0, TaskFilter.From(query).Filter),
            "task" when id.Length > 0 => new LivePage("task", id, 0, TaskFilter.None),
            "run" when long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var run) => new LivePage("run", null, run, TaskFilter.None)
            {
                OutputShown = long.TryParse(query["o"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var shown) ? shown : null,
            },
            _ => null,
        };
    }

    public static string OverviewUrl(TaskFilter filter, string stamp) => Append(filter.Url("/events"), "page=overview&v=" + stamp);

    public static string TaskUrl(string taskId, string stamp) => "/events?page=task&id=" + Uri.EscapeDataString(taskId) + "&v=" + stamp;

    public static string RunUrl(long runId, string stamp, long outputBytes) =>
        "/events?page=run&id=" + runId.ToString(System.Globalization.CultureInfo.InvariantCulture)
        + "&o=" + outputBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) + "&v=" + stamp;

    private static string Append(string url, string part) => url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + part;
}
