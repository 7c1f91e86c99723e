namespace Scheduler.Definitions.Parsing;

/// <summary>Dotted key paths for messages: <c>schedule.cron</c>, <c>http.headers</c>, <c>command[2]</c>.</summary>
internal static class Paths
{
    public static string Join(string parent, string key) => parent.Length == 0 ? key : $"{parent}.{key}";

    public static string Index(string parent, int index) => $"{parent}[{index}]";
}
