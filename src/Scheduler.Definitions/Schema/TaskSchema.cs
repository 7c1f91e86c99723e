namespace Scheduler.Definitions.Schema;

/// <summary>The JSON Schema of a task file, embedded in the assembly; a test keeps it in step with the parser.</summary>
public static class TaskSchema
{
    private static readonly Lazy<string> Text = new(() =>
    {
        using var stream = typeof(TaskSchema).Assembly.GetManifestResourceStream("task.schema.json")
            ?? throw new InvalidOperationException("The embedded resource task.schema.json is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static string Json => Text.Value;
}
