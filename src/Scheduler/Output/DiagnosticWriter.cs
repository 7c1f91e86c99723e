using System.Text.Json;
using Scheduler.Definitions.Diagnostics;

namespace Scheduler.Output;

/// <summary>Writes diagnostics in the pinned formats: text for people, GitHub workflow commands for annotations, JSON for tools.</summary>
internal static class DiagnosticWriter
{
    /// <summary><c>schedules/a/b.yaml:3:11: error SCH012: message</c>, then the hint indented below.</summary>
    public static void WriteText(TextWriter output, IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            output.WriteLine($"{d.File}:{d.Line}:{d.Column}: {SeverityName(d.Severity)} {d.Code}: {d.Message}");
            if (d.Hint is not null)
            {
                output.WriteLine($"    hint: {d.Hint}");
            }
        }
    }

    /// <summary><c>::error file=…,line=…,col=…,title=SCH012::message</c>; the hint follows on the annotation's second line.</summary>
    public static void WriteGitHub(TextWriter output, IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            var message = d.Hint is null ? d.Message : $"{d.Message}\nHint: {d.Hint}";
            output.WriteLine(
                $"::{SeverityName(d.Severity)} file={EscapeProperty(d.File)},line={d.Line},col={d.Column},title={EscapeProperty(d.Code)}::{EscapeData(message)}");
        }
    }

    /// <summary><c>{"files":N,"tasks":N,"diagnostics":[{"file","line","column","severity","code","message","hint"}]}</c>.</summary>
    public static void WriteJson(TextWriter output, int files, int tasks, IEnumerable<Diagnostic> diagnostics)
    {
        var document = new
        {
            files,
            tasks,
            diagnostics = diagnostics.Select(d => new
            {
                file = d.File,
                line = d.Line,
                column = d.Column,
                severity = SeverityName(d.Severity),
                code = d.Code,
                message = d.Message,
                hint = d.Hint,
            }),
        };
        output.WriteLine(JsonSerializer.Serialize(document, JsonOutput.Options));
    }

    public static string SeverityName(Severity severity) => severity == Severity.Error ? "error" : "warning";

    // GitHub's workflow-command escaping: data escapes %, CR and LF; properties also escape ':' and ','.
    private static string EscapeData(string text) =>
        text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string EscapeProperty(string text) =>
        EscapeData(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
