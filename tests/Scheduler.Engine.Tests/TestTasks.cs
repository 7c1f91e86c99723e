using System.Text;
using Scheduler.Definitions.Loading;
using Scheduler.Definitions.Model;

namespace Scheduler.Engine.Tests;

/// <summary>Task definitions written as YAML in tests, read by the real parser.</summary>
internal static class TestTasks
{
    public static TaskDefinition Parse(string yaml, string id = "demo")
    {
        var result = TaskReader.Read(new SourceFile($"{id}.yaml", $"schedules/{id}.yaml", Encoding.UTF8.GetBytes(yaml)), new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        return result.Task ?? throw new InvalidOperationException(string.Join("\n", result.Diagnostics.Select(d => $"{d.Line}:{d.Column} {d.Message}")));
    }

    public static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
}
