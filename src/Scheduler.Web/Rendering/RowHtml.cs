using System.Collections.Concurrent;
using Scheduler.Web.Components;
using Scheduler.Web.Views;

namespace Scheduler.Web.Rendering;

/// <summary>
/// The HTML of each <see cref="TaskRow"/> as <see cref="TaskLine"/> renders it, by the row's value: a row is a record
/// of the texts it shows, so an equal row renders the same HTML. Between two changes of a task, its row is equal
/// from request to request (its "4 s ago" moves on, and makes a new key), so the overview and its live parts render
/// only the rows that changed instead of 150-1,000 of them per request.
/// </summary>
internal sealed class RowHtml(ComponentRenderer renderer)
{
    // Rows that say "12 s ago" make a new key every second: start again rather than grow without end.
    private const int RowsKept = 8_192;
    private readonly ConcurrentDictionary<TaskRow, string> _html = new();

    public async Task<string> OfAsync(TaskRow row)
    {
        if (_html.TryGetValue(row, out var html))
        {
            return html;
        }

        html = await renderer.RenderAsync<TaskLine>(new Dictionary<string, object?> { ["Model"] = row });
        if (_html.Count >= RowsKept)
        {
            _html.Clear();
        }

        _html[row] = html;
        return html;
    }

    /// <summary>The folders with the HTML of the rows they show (<see cref="FolderGroup.RowsHtml"/>).</summary>
    public async Task<IReadOnlyList<FolderGroup>> AttachAsync(IReadOnlyList<FolderGroup> folders)
    {
        var result = new List<FolderGroup>(folders.Count);
        foreach (var folder in folders)
        {
            var html = new string[folder.Rows.Count];
            for (var i = 0; i < html.Length; i++)
            {
                html[i] = await OfAsync(folder.Rows[i]);
            }

            result.Add(folder with { RowsHtml = html });
        }

        return result;
    }
}
