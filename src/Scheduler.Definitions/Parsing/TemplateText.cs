using Scheduler.Definitions.Diagnostics;
using Scheduler.Definitions.Templates;

namespace Scheduler.Definitions.Parsing;

/// <summary>Reads a string that may be a template and checks the template against the run variables.</summary>
internal static class TemplateText
{
    public static string? Read(ValueReader values, YamlNode node, string path, bool allowEmpty = false)
    {
        if (values.String(node, path, allowEmpty) is not { } text)
        {
            return null;
        }

        var scalar = (YamlScalar)node;
        // Columns inside a one-line scalar map onto the file: skip the opening quote when there is one.
        int? columnOffset = text.Contains('\n', StringComparison.Ordinal) ? null : scalar.Start.Column + (scalar.IsPlain ? 0 : 1);
        var errorsBefore = values.Diagnostics.Items.Count;
        var variables = TemplateVariables.WithParameters(values.ParameterNames);
        TemplateChecker.Check(text, path, scalar.Start, columnOffset, values.Diagnostics, variables, TemplateVariables.ListOf(variables));
        return values.Diagnostics.Items.Count == errorsBefore ? text : null;
    }
}
