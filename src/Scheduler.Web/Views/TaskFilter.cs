using Microsoft.AspNetCore.Http;

namespace Scheduler.Web.Views;

/// <summary>
/// What the overview, <c>/api/tasks</c>, <c>/timeline</c> and <c>/calendar.ics</c> show: <c>?q=TEXT&amp;state=STATE&amp;folder=PREFIX</c>
/// (and, on the overview, <c>sort</c> and <c>desc</c>). The URL is the whole state: a link shows the same view.
/// </summary>
public sealed record TaskFilter(string? Q, string? State, string? Folder, string Sort, bool Descending)
{
    /// <summary>The states a task can be found by; <c>paused</c> matches every paused task, whatever else its badge says.</summary>
    public static IReadOnlyList<string> States { get; } = ["ok", "failing", "running", "paused", "disabled", "invalid", "retired"];

    /// <summary>The columns the overview sorts by.</summary>
    public static IReadOnlyList<string> SortKeys { get; } = ["task", "state", "last", "next", "streak"];

    public static TaskFilter None { get; } = new(null, null, null, "task", false);

    public bool IsEmpty => Q is null && State is null && Folder is null;

    /// <summary>Reads the query; a state or sort key outside the lists is a problem said in a sentence, with the values allowed.</summary>
    public static (TaskFilter Filter, string? Problem) From(IQueryCollection query)
    {
        var q = Text(query["q"]);
        var state = Text(query["state"])?.ToLowerInvariant();
        var folder = Text(query["folder"])?.Trim('/');
        var sort = Text(query["sort"])?.ToLowerInvariant() ?? "task";
        var filter = new TaskFilter(q, state, string.IsNullOrEmpty(folder) ? null : folder, sort, query["desc"] == "1");
        if (state is not null && !States.Contains(state))
        {
            return (filter with { State = null }, $"state '{state}' is not one of {string.Join(", ", States)}");
        }

        return SortKeys.Contains(sort) ? (filter, null) : (filter with { Sort = "task" }, $"sort '{sort}' is not one of {string.Join(", ", SortKeys)}");
    }

    public bool Matches(TaskRow task) =>
        (Folder is null || task.Id.StartsWith(Folder + "/", StringComparison.Ordinal))
        && (State is null || (State == "paused" ? task.Paused is not null : StateOf(task) == State))
        && (Q is null
            || task.Id.Contains(Q, StringComparison.OrdinalIgnoreCase)
            || (task.Description?.Contains(Q, StringComparison.OrdinalIgnoreCase) ?? false)
            || task.Schedule.Contains(Q, StringComparison.OrdinalIgnoreCase)
            || (task.ScheduleWords?.Contains(Q, StringComparison.OrdinalIgnoreCase) ?? false));

    /// <summary>The overview URL of this view with some of it changed (null drops a parameter).</summary>
    public string Url(string path = "/") => path + QueryString();

    public string QueryString()
    {
        var parts = new List<string>();
        Add(parts, "q", Q);
        Add(parts, "state", State);
        Add(parts, "folder", Folder);
        Add(parts, "sort", Sort == "task" ? null : Sort);
        Add(parts, "desc", Descending ? "1" : null);
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    /// <summary>The URL that sorts by <paramref name="key"/>: ascending first, the other way when it already sorts by it.</summary>
    public string SortUrl(string key) => (this with { Sort = key, Descending = Sort == key && !Descending }).Url();

    /// <summary>The filter's word for a task's badge (the badge <c>invalid-running-last-good</c> is <c>invalid</c>).</summary>
    public static string StateOf(TaskRow task) => task.State == "invalid-running-last-good" ? "invalid" : task.State;

    private static void Add(List<string> parts, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            parts.Add(key + "=" + Uri.EscapeDataString(value));
        }
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
