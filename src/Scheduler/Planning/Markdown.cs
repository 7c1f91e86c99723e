using System.Net;

namespace Scheduler.Planning;

/// <summary>Escaping for GitHub-flavoured Markdown: code spans inside table cells, and text inside HTML tags.</summary>
internal static class Markdown
{
    /// <summary>
    /// A code span safe in a table cell: '|' is escaped (GFM splits cells before it parses code spans),
    /// and a value holding a backtick gets a longer fence.
    /// </summary>
    public static string Code(string text)
    {
        var escaped = text.Replace("|", "\\|", StringComparison.Ordinal);
        return text.Contains('`', StringComparison.Ordinal) ? $"`` {escaped} ``" : $"`{escaped}`";
    }

    /// <summary>A cell of plain text: pipes escaped, line breaks folded.</summary>
    public static string Cell(string text) =>
        text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    public static string Html(string text) => WebUtility.HtmlEncode(text);
}
