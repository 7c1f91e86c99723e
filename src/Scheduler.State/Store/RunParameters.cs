using System.Text.Json;

namespace Scheduler.State.Store;

/// <summary>
/// The <c>Parameters</c> column of a run: a JSON object of name to canonical text, written and read only here so
/// that SQLite and PostgreSQL hold the same text and every reader (page, API, CLI, retries) gets the same values.
/// </summary>
public static class RunParameters
{
    /// <summary>The column's text: null for no parameters (a task without <c>params:</c>), else a JSON object ordered by name.</summary>
    public static string? ToJson(IReadOnlyDictionary<string, string>? values) =>
        values is null ? null : JsonSerializer.Serialize(new SortedDictionary<string, string>(values.ToDictionary(), StringComparer.Ordinal));

    /// <summary>The values the column holds; null when it is empty (or, for a row written by a later version, not an object of texts).</summary>
    public static IReadOnlyDictionary<string, string>? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<SortedDictionary<string, string>>(json) is { } values
                ? new SortedDictionary<string, string>(values, StringComparer.Ordinal)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
