namespace Scheduler.Definitions.Parsing;

/// <summary>"Did you mean …?" for misspelled keys and choices.</summary>
public static class Suggestions
{
    /// <summary>The candidate closest to <paramref name="input"/>, when it is close enough to be a likely typo.</summary>
    public static string? Closest(string input, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(input.ToLowerInvariant(), candidate);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        // Allow about one typo per three characters: "timzone" → "timezone", but not "foo" → "env".
        return best is not null && bestDistance <= Math.Max(1, best.Length / 3) ? best : null;
    }

    /// <summary>
    /// Levenshtein distance with a transposition counted as one edit (optimal string alignment), the one edit
    /// distance behind every "did you mean": keys, choices, task ids, time zones. Only runs on error paths.
    /// </summary>
    public static int Distance(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        // Three rolling rows instead of the full matrix, on the stack for the short words this compares
        // (it is called for each of the ~600 zone ids when a zone is misspelled).
        var width = b.Length + 1;
        Span<int> beforePrevious = width <= 256 ? stackalloc int[width] : new int[width];
        Span<int> previous = width <= 256 ? stackalloc int[width] : new int[width];
        Span<int> current = width <= 256 ? stackalloc int[width] : new int[width];
        for (var j = 0; j < width; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    current[j] = Math.Min(current[j], beforePrevious[j - 2] + 1);
                }
            }

            var reused = beforePrevious;
            beforePrevious = previous;
            previous = current;
            current = reused;
        }

        return previous[b.Length];
    }
}
