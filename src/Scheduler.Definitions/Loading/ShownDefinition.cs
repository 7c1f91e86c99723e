using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Scheduler.Definitions.Model;

namespace Scheduler.Definitions.Loading;

/// <summary>
/// A task file's text as the page and the API show it: each credential reference (<c>{ from-env: APP_DB_URL }</c>,
/// flow or block style) replaced by <c>"*** (from-env APP_DB_URL)"</c>, the rest as written. The file never holds a
/// credential's value; this makes a reference read as what it is wherever the definition is shown.
/// </summary>
public static class ShownDefinition
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// <paramref name="yaml"/> with its references shown as <see cref="SecretReference.Display"/>; a file that does not
    /// parse as a valid task is returned as it is (it holds no resolved values either).
    /// </summary>
    public static string Of(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        if (!yaml.Contains("from-", StringComparison.Ordinal))
        {
            return yaml; // the page's hot path: most tasks name no credential
        }

        var task = TaskReader.Read(new SourceFile("shown.yaml", "shown.yaml", Encoding.UTF8.GetBytes(yaml)), DateTimeOffset.UnixEpoch).Task;
        if (task is null)
        {
            return yaml;
        }

        var lineStarts = LineStarts(yaml);
        var text = new StringBuilder(yaml);
        // From the end, so the offsets of the earlier ones stay right; an alias repeats its anchor's position once.
        var references = TaskSecrets.Of(task).Select(r => r.Value).DistinctBy(r => r.At).OrderByDescending(r => r.At.Line).ThenByDescending(r => r.At.Column);
        foreach (var reference in references)
        {
            var start = lineStarts[reference.At.Line - 1] + reference.At.Column - 1;
            var end = yaml[start] == '{' ? FlowEnd(yaml, start) : BlockEnd(yaml, lineStarts, reference.At.Line, reference.At.Column);
            text.Remove(start, end - start).Insert(start, JsonSerializer.Serialize(reference.Display, Json));
        }

        return text.ToString();
    }

    private static List<int> LineStarts(string yaml)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < yaml.Length; i++)
        {
            if (yaml[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }

    /// <summary>Just past the <c>}</c> that closes the flow mapping opened at <paramref name="start"/>, quotes respected.</summary>
    private static int FlowEnd(string yaml, int start)
    {
        var depth = 0;
        char? quote = null;
        for (var i = start; i < yaml.Length; i++)
        {
            var c = yaml[i];
            if (quote is { } open)
            {
                if (c == '\\' && open == '"')
                {
                    i++;
                }
                else if (c == open)
                {
                    quote = null;
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c is '{' or '[')
            {
                depth++;
            }
            else if ((c is '}' or ']') && --depth == 0)
            {
                return i + 1;
            }
        }

        return yaml.Length;
    }

    /// <summary>The end of the last line of the block mapping whose first key is at (<paramref name="line"/>, <paramref name="column"/>).</summary>
    private static int BlockEnd(string yaml, List<int> lineStarts, int line, int column)
    {
        var last = line - 1;
        for (var next = line; next < lineStarts.Count; next++)
        {
            var content = LineText(yaml, lineStarts, next);
            if (content.Trim().Length == 0)
            {
                continue;
            }

            if (content.Length - content.TrimStart(' ').Length < column - 1)
            {
                break;
            }

            last = next;
        }

        return lineStarts[last] + LineText(yaml, lineStarts, last).TrimEnd('\r').Length;
    }

    private static string LineText(string yaml, List<int> lineStarts, int index)
    {
        var end = index + 1 < lineStarts.Count ? lineStarts[index + 1] - 1 : yaml.Length;
        return yaml[lineStarts[index]..end];
    }
}
