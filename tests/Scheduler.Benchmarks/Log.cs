using System.Diagnostics;
using System.Globalization;

namespace Scheduler.Benchmarks;

/// <summary>Progress lines on stderr, so stdout holds only the table and the JSON line a script can pick up.</summary>
internal static class Log
{
    private static readonly Stopwatch SinceStart = Stopwatch.StartNew();

    public static void Info(string message) =>
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{SinceStart.Elapsed.TotalSeconds,7:F1}s] {message}"));
}
