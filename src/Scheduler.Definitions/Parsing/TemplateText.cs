using Scheduler.Definitions.Diagnostics;
using Scheduler.Definitions.Templates;

namespace Scheduler.Definitions.Parsing;

/// <summary>Reads a string that may be a template and checks the template against the run variables.</summary>
internal static class TemplateText
{
    // The variables of a task without parameters, built once: most tasks declare none.
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoParameters = TemplateVariables.WithParameters([]);
    private static readonly string NoParametersList = TemplateVariables.ListOf(NoParameters);

    public static string? Read(ValueReader values, YamlNode node, string path, bool allowEmpty = false)
    {
        if (values.String(node, path, allowEmpty) is not { } text)
        {
            return null;
        }

        if (!TemplateChecker.LooksLikeTemplate(text))
        {
            return text; // plain text: nothing to check
        }

        var plain = values.ParameterNames.Count == 0;
        if (plain && CleanTemplates.Contains(text))
        {
            return text;
        }

        var scalar = (YamlScalar)node;
        // Columns inside a one-line scalar map onto the file: skip the opening quote when there is one.
        int? columnOffset = text.Contains('\n', StringComparison.Ordinal) ? null : scalar.Start.Column + (scalar.IsPlain ? 0 : 1);
        var errorsBefore = values.Diagnostics.Items.Count;
        var variables = plain ? NoParameters : TemplateVariables.WithParameters(values.ParameterNames);
        TemplateChecker.Check(text, path, scalar.Start, columnOffset, values.Diagnostics, variables, plain ? NoParametersList : TemplateVariables.ListOf(variables));
        if (values.Diagnostics.Items.Count != errorsBefore)
        {
            return null;
        }

        if (plain)
        {
            CleanTemplates.Add(text);
        }

        return text;
    }
}
