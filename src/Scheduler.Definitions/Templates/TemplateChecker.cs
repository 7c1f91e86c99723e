using Scheduler.Definitions.Diagnostics;
using Scriban;
using Scriban.Parsing;
using Scriban.Functions;
using Scriban.Syntax;

namespace Scheduler.Definitions.Templates;

/// <summary>
/// Checks a Scriban template at validation time: it must parse, and every variable it reads must be
/// one a run provides. An unknown variable would otherwise render as an empty string at 3 a.m.
/// </summary>
public static class TemplateChecker
{
    private static readonly HashSet<string> Builtins = new(new BuiltinFunctions().Keys, StringComparer.Ordinal);

    /// <summary>True when <paramref name="text"/> contains template syntax at all; plain text is skipped cheaply.</summary>
    public static bool LooksLikeTemplate(string text) => text.Contains("{{", StringComparison.Ordinal);

    /// <summary>
    /// Reports problems of the template <paramref name="text"/>, found at <paramref name="at"/> in the file under the key
    /// <paramref name="path"/>. <paramref name="columnOffset"/> maps a column inside a one-line template to the file
    /// (the scalar's start plus its opening quote), or is null when the template spans lines.
    /// </summary>
    public static void Check(string text, string path, SourcePosition at, int? columnOffset, DiagnosticBag diagnostics) =>
        Check(text, path, at, columnOffset, diagnostics, TemplateVariables.Members, TemplateVariables.List);

    /// <summary>As <see cref="Check(string, string, SourcePosition, int?, DiagnosticBag)"/>, against another set of variables (notification bodies have their own).</summary>
    public static void Check(
        string text, string path, SourcePosition at, int? columnOffset, DiagnosticBag diagnostics,
        IReadOnlyDictionary<string, IReadOnlyList<string>> variables, string variableList)
    {
        if (!LooksLikeTemplate(text))
        {
            return;
        }

        // Scriban accepts a '{{' left open at the end of the text; here it is always a typo.
        var lastOpen = text.LastIndexOf("{{", StringComparison.Ordinal);
        if (text.IndexOf("}}", lastOpen, StringComparison.Ordinal) < 0)
        {
            var line = text.AsSpan(0, lastOpen).Count('\n');
            var column = lastOpen - (text.LastIndexOf('\n', Math.Max(0, lastOpen - 1)) + 1);
            diagnostics.Error(Locate(new TextPosition(lastOpen, line, column), at, columnOffset), DiagnosticCodes.TemplateSyntax,
                $"{path}: '{text}' is not a valid template: the '{{{{' is never closed with '}}}}'.",
                "Close the template with '}}', or write '{{ \"{{\" }}' for a literal '{{'.");
            return;
        }

        var template = Template.Parse(text);
        if (template.HasErrors)
        {
            var first = template.Messages.First(m => m.Type == ParserMessageType.Error);
            diagnostics.Error(Locate(first.Span.Start, at, columnOffset), DiagnosticCodes.TemplateSyntax,
                $"{path}: '{text}' is not a valid template: {first.Message.TrimEnd('.')}.",
                "Templates use Scriban syntax, e.g. {{ run.slot }}; write '{{ \"{{\" }}' for a literal '{{'.");
            return;
        }

        var finder = new VariableFinder(variables);
        template.Page?.Accept(finder);
        foreach (var (name, position) in finder.Unknown)
        {
            if (name.StartsWith("params.", StringComparison.Ordinal))
            {
                var declared = variables.TryGetValue("params", out var names) ? names : [];
                diagnostics.Error(Locate(position, at, columnOffset), DiagnosticCodes.UnknownTemplateVariable,
                    $"{path}: the template reads '{name}', but the task declares no parameter '{name["params.".Length..]}'.",
                    declared.Count == 0
                        ? $"Declare it under params:, e.g. `params: {{ {name["params.".Length..]}: {{ type: string, default: \"...\" }} }}`."
                        : $"Declare it under params:, or use one of {string.Join(", ", declared.Select(n => $"params.{n}"))}.");
                continue;
            }

            diagnostics.Error(Locate(position, at, columnOffset), DiagnosticCodes.UnknownTemplateVariable,
                $"{path}: the template variable '{name}' does not exist.",
                $"Use one of {variableList}.");
        }
    }

    private static SourcePosition Locate(TextPosition inTemplate, SourcePosition at, int? columnOffset) =>
        columnOffset is { } offset && inTemplate.Line == 0
            ? new SourcePosition(at.Line, offset + inTemplate.Column)
            : at;

    /// <summary>Collects reads of variables that no run provides.</summary>
    private sealed class VariableFinder(IReadOnlyDictionary<string, IReadOnlyList<string>> variables) : ScriptVisitor
    {
        public List<(string Name, TextPosition Position)> Unknown { get; } = [];

        public override void Visit(ScriptMemberExpression node)
        {
            if (node.Target is ScriptVariableGlobal root && variables.TryGetValue(root.Name, out var members))
            {
                if (node.Member is ScriptVariable member && !members.Contains(member.Name))
                {
                    Unknown.Add(($"{root.Name}.{member.Name}", node.Span.Start));
                }

                return; // the root itself is known
            }

            // Only the target can be a variable; the member after the dot is a name, not a read.
            node.Target?.Accept(this);
        }

        public override void Visit(ScriptIndexerExpression node)
        {
            // params["with-dash"]: a name with '-' cannot follow a dot, so it is read by its literal key.
            if (node.Target is ScriptVariableGlobal root && variables.TryGetValue(root.Name, out var members)
                && node.Index is ScriptLiteral { Value: string key })
            {
                if (!members.Contains(key))
                {
                    Unknown.Add(($"{root.Name}.{key}", node.Span.Start));
                }

                return;
            }

            base.Visit(node);
        }

        public override void Visit(ScriptVariableGlobal node)
        {
            if (!variables.ContainsKey(node.Name) && !Builtins.Contains(node.Name))
            {
                Unknown.Add((node.Name, node.Span.Start));
            }

            base.Visit(node);
        }
    }
}
