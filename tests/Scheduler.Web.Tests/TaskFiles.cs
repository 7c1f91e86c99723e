namespace Scheduler.Web.Tests;

/// <summary>Task files the tests serve.</summary>
internal static class TaskFiles
{
    public const string Hostile = "<script>alert(1)</script> <div hx-get=\"/x\">";

    /// <summary>Runs only by hand; prints <paramref name="output"/>.</summary>
    public static string Manual(string output = "hello", string description = "a manual task") => $"""
        description: '{description.Replace("'", "''", StringComparison.Ordinal)}'
        schedule:
          manual: true
        shell: "printf '%s\n' '{output.Replace("\"", "\\\"", StringComparison.Ordinal)}'"
        """;

    /// <summary>Runs by hand for a long time, so a second run-now meets overlap: forbid.</summary>
    public const string Slow = """
        description: sleeps
        schedule:
          manual: true
        overlap: forbid
        timeout: 5m
        kill-grace: 1s
        shell: "echo started; sleep 60"
        """;

    public const string Berlin = """
        description: half past two in Berlin, which the spring-forward gap skips once a year
        schedule:
          daily: "02:30"
          timezone: Europe/Berlin
        shell: "true"
        """;
}
