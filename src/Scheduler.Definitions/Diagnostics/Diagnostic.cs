namespace Scheduler.Definitions.Diagnostics;

/// <summary>
/// One problem found in a task file: what (message, with the offending value), where (file, line,
/// column), how bad, and how to fix it (hint). Diagnostics are values, collected, never thrown.
/// </summary>
public sealed record Diagnostic(
    string File,
    SourcePosition Position,
    Severity Severity,
    string Code,
    string Message,
    string? Hint = null)
{
    public int Line => Position.Line;

    public int Column => Position.Column;

    public bool IsError => Severity == Severity.Error;
}
