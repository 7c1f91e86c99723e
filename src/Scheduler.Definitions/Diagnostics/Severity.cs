namespace Scheduler.Definitions.Diagnostics;

/// <summary>How bad a diagnostic is: errors make a definition invalid, warnings do not.</summary>
public enum Severity
{
    Warning,
    Error,
}
