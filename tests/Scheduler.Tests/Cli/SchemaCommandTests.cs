using System.Text.Json;

namespace Scheduler.Tests.Cli;

public sealed class SchemaCommandTests
{
    [Fact]
    public void Schema_prints_a_json_schema_of_a_task_file()
    {
        var run = CliRun.Invoke(Path.GetTempPath(), "schema");

        Assert.Equal(0, run.ExitCode);
        using var schema = JsonDocument.Parse(run.Out);
        Assert.Equal("object", schema.RootElement.GetProperty("type").GetString());
        Assert.True(schema.RootElement.GetProperty("properties").TryGetProperty("schedule", out _));
    }
}
