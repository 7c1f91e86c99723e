using System.Globalization;
using System.Text.RegularExpressions;

namespace Scheduler.Benchmarks.Page;

/// <summary>
/// Reads serve's console: Kestrel's <c>Request finished ... 12.34ms</c> lines (the server-side time of each
/// request) and EF Core's <c>Executed DbCommand (3ms) ... SQL</c> lines, each attributed to the request that
/// finished next (the benchmark's requests are sequential).
/// </summary>
internal static partial class ServerLog
{
    public static IReadOnlyList<ServedRequest> Parse(IEnumerable<string> lines)
    {
        var requests = new List<ServedRequest>();
        var queries = new List<ExecutedQuery>();
        foreach (var line in lines)
        {
            if (Finished().Match(line) is { Success: true } f)
            {
                var url = new Uri(f.Groups["url"].Value);
                requests.Add(new ServedRequest(
                    url.PathAndQuery,
                    int.Parse(f.Groups["status"].Value, CultureInfo.InvariantCulture),
                    double.Parse(f.Groups["ms"].Value, CultureInfo.InvariantCulture),
                    queries));
                queries = [];
            }
            else if (Executed().Match(line) is { Success: true } q)
            {
                queries.Add(new ExecutedQuery(int.Parse(q.Groups["ms"].Value, CultureInfo.InvariantCulture), q.Groups["sql"].Value.Trim()));
            }
        }

        return requests;
    }

    [GeneratedRegex(@"Request finished HTTP/\S+ GET (?<url>\S+) - (?<status>\d+) .* (?<ms>[\d.]+)ms\s*$")]
    private static partial Regex Finished();

    [GeneratedRegex(@"Executed DbCommand \((?<ms>\d+)ms\) \[Parameters=\[.*?\], CommandType='\w+', CommandTimeout='\d+'\]\s*(?<sql>.*)$")]
    private static partial Regex Executed();
}

/// <summary>One request as serve logged it, with the SQL it ran.</summary>
internal sealed record ServedRequest(string PathAndQuery, int Status, double Milliseconds, IReadOnlyList<ExecutedQuery> Queries);

/// <summary>One SQL command as EF Core logged it (whole milliseconds).</summary>
internal sealed record ExecutedQuery(int Milliseconds, string Sql);
