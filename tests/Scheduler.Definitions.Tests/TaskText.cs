using System.Text;
using Scheduler.Definitions.Loading;

namespace Scheduler.Definitions.Tests;

/// <summary>Reads task YAML written inline in a test, as if it were a file under schedules/.</summary>
internal static class TaskText
{
    /// <summary>An instant well away from any DST change, so warnings only come from the schedule under test.</summary>
    public static readonly DateTimeOffset From = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public static TaskFileResult Read(string yaml, string relativePath = "demo.yaml") =>
        TaskReader.Read(File(yaml, relativePath), From);

    public static SourceFile File(string yaml, string relativePath = "demo.yaml") =>
        new(relativePath, $"schedules/{relativePath}", Encoding.UTF8.GetBytes(yaml));
}
