namespace Scheduler.Definitions.Diagnostics;

/// <summary>Collects the diagnostics of one file, so a check can report every problem instead of stopping at the first.</summary>
public sealed class DiagnosticBag(string file)
{
    private readonly List<Diagnostic> _items = [];

    public string File { get; } = file;

    public IReadOnlyList<Diagnostic> Items => _items;

    public bool HasErrors { get; private set; }

    public void Error(SourcePosition at, string code, string message, string? hint = null)
    {
        HasErrors = true;
        _items.Add(new Diagnostic(File, at, Severity.Error, code, message, hint));
    }

    public void Warning(SourcePosition at, string code, string message, string? hint = null) =>
        _items.Add(new Diagnostic(File, at, Severity.Warning, code, message, hint));
}
