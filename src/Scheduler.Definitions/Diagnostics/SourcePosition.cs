namespace Scheduler.Definitions.Diagnostics;

/// <summary>A 1-based line and column in a task file.</summary>
public readonly record struct SourcePosition(int Line, int Column)
{
    /// <summary>The start of the file, for problems that belong to the whole file.</summary>
    public static SourcePosition FileStart { get; } = new(1, 1);

    public override string ToString() => $"{Line}:{Column}";
}
