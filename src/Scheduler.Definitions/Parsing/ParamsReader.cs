using System.Text.RegularExpressions;
using Scheduler.Definitions.Diagnostics;
using Scheduler.Definitions.Model;
using Scheduler.Definitions.Parameters;

namespace Scheduler.Definitions.Parsing;

/// <summary>
/// Reads <c>params:</c>: each parameter's name, type, default, choices, pattern and whether it is required. A default
/// is checked as a value given at run time would be (<see cref="ParameterValues"/>), so a file cannot declare a default
/// its own runs would refuse.
/// </summary>
internal static partial class ParamsReader
{
    private static readonly Dictionary<string, ParameterType> Types = Enum.GetValues<ParameterType>()
        .ToDictionary(t => t.ToString().ToLowerInvariant(), t => t, StringComparer.Ordinal);

    /// <summary>The parameters in file order, or null when one of them is wrong (reported).</summary>
    public static IReadOnlyList<TaskParameter>? Read(YamlNode node, ScheduleDefinition? schedule, ValueReader values)
    {
        if (node is YamlScalar { IsNull: true })
        {
            return [];
        }

        if (values.Mapping(node, "params") is not { } mapping)
        {
            return null;
        }

        var parameters = new List<TaskParameter>();
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        var ok = true;
        foreach (var (key, value) in mapping.Entries)
        {
            var path = Paths.Join("params", key.Value);
            if (!Name().IsMatch(key.Value))
            {
                values.Diagnostics.Error(key.Start, DiagnosticCodes.InvalidValue,
                    $"{path}: '{key.Value}' is not a valid parameter name.",
                    $"Start with a lowercase letter and use lowercase letters, digits, '_' and '-', e.g. '{Suggest(key.Value)}'.");
                ok = false;
                continue;
            }

            var variable = TaskParameter.VariableNameOf(key.Value);
            if (variables.TryGetValue(variable, out var other))
            {
                values.Diagnostics.Error(key.Start, other == key.Value ? DiagnosticCodes.DuplicateKey : DiagnosticCodes.InvalidValue,
                    other == key.Value
                        ? $"{path}: '{key.Value}' appears twice."
                        : $"{path}: '{key.Value}' and '{other}' would both be the environment variable {variable}.",
                    other == key.Value ? "Keep one of them: YAML would silently use only the last." : "Rename one of them.");
                ok = false;
                continue;
            }

            variables[variable] = key.Value;
            if (Parameter(key, value, path, schedule, values) is { } parameter)
            {
                parameters.Add(parameter);
            }
            else
            {
                ok = false;
            }
        }

        return ok ? parameters : null;
    }

    private static TaskParameter? Parameter(YamlScalar key, YamlNode node, string path, ScheduleDefinition? schedule, ValueReader values)
    {
        var diagnostics = values.Diagnostics;
        if (node is not YamlMapping mapping)
        {
            diagnostics.Error(node.Start, DiagnosticCodes.WrongType, $"{path}: expected a mapping (key: value lines), found {ValueReader.Describe(node)}.",
                $"Declare the parameter with its type, e.g. `{key.Value}: {{ type: string, default: \"...\" }}`.");
            return null;
        }

        var errorsBefore = diagnostics.Items.Count(d => d.Severity == Severity.Error);
        var fields = new KeyedFields(mapping, path, Keys.Param, diagnostics);
        var type = fields.Value("type") is { } typeNode ? values.Choice(typeNode, $"{path}.type", Types) : ParameterType.String;
        var required = fields.Value("required") is { } requiredNode ? values.Bool(requiredNode, $"{path}.required") : false;
        var description = fields.Value("description") is { } descriptionNode ? values.String(descriptionNode, $"{path}.description", allowEmpty: true) : null;
        var choices = Choices(fields, path, type, values);
        var pattern = Pattern(fields, path, type, values);
        if (type is null || required is null || choices is null || errorsBefore != diagnostics.Items.Count(d => d.Severity == Severity.Error))
        {
            return null;
        }

        var parameter = new TaskParameter(key.Value, type.Value, null, choices, required.Value, description, pattern);
        if (fields.Value("default") is { } defaultNode)
        {
            return Default(parameter, defaultNode, path, values);
        }

        if (required.Value && schedule is not null && schedule.Kind != ScheduleKind.Manual)
        {
            diagnostics.Error(fields.KeyNode("required")!.Start, DiagnosticCodes.InvalidValue,
                $"{path}: a required parameter without a default is only allowed on a manual task, but this task runs on its schedule ({schedule.DescribeWritten()}), where nobody gives it a value.",
                $"Give it a default (`default: ...`), or make the task manual (`schedule: {{ manual: true }}`).");
            return null;
        }

        return parameter;
    }

    private static TaskParameter? Default(TaskParameter parameter, YamlNode node, string path, ValueReader values)
    {
        if (node is not YamlScalar { IsNull: false } scalar)
        {
            return values.WrongType<TaskParameter>(node, $"{path}.default", $"a {parameter.TypeName} value");
        }

        if (!ParameterValues.TryConvert(parameter, scalar.Value, out var value, out var error))
        {
            values.Diagnostics.Error(node.Start, DiagnosticCodes.InvalidValue, $"{path}.default: {error}",
                parameter.Type == ParameterType.Choice
                    ? $"Make the default one of the choices: {string.Join(", ", parameter.Choices)}."
                    : $"Write a default of type {parameter.TypeName}{(parameter.Pattern is null ? "" : $" that matches '{parameter.Pattern}'")}, or remove default:.");
            return null;
        }

        return parameter with { Default = value };
    }

    private static List<string>? Choices(KeyedFields fields, string path, ParameterType? type, ValueReader values)
    {
        var node = fields.Value("choices");
        if (node is null)
        {
            if (type == ParameterType.Choice)
            {
                values.Diagnostics.Error(fields.KeyNode("type")!.Start, DiagnosticCodes.MissingRequired, $"{path}: a choice parameter needs 'choices'.",
                    "Add the allowed values, e.g. choices: [staging, production].");
                return null;
            }

            return [];
        }

        if (type is not null && type != ParameterType.Choice)
        {
            values.Diagnostics.Error(fields.KeyNode("choices")!.Start, DiagnosticCodes.InvalidValue,
                $"{path}.choices: only a parameter of type choice has choices, and this one is {type.Value.ToString().ToLowerInvariant()}.",
                "Write type: choice, or remove choices:.");
            return null;
        }

        if (values.List(node, $"{path}.choices") is not { } list)
        {
            return null;
        }

        var choices = new List<string>();
        for (var i = 0; i < list.Items.Count; i++)
        {
            if (values.String(list.Items[i], Paths.Index($"{path}.choices", i)) is not { } choice)
            {
                return null;
            }

            if (choices.Contains(choice, StringComparer.Ordinal))
            {
                values.Diagnostics.Error(list.Items[i].Start, DiagnosticCodes.InvalidValue, $"{Paths.Index($"{path}.choices", i)}: '{choice}' is listed twice.",
                    "List each choice once.");
                return null;
            }

            choices.Add(choice);
        }

        if (choices.Count == 0)
        {
            values.Diagnostics.Error(node.Start, DiagnosticCodes.InvalidValue, $"{path}.choices: the list is empty.",
                "List the allowed values, e.g. choices: [staging, production].");
            return null;
        }

        return choices;
    }

    private static string? Pattern(KeyedFields fields, string path, ParameterType? type, ValueReader values)
    {
        if (fields.Value("pattern") is not { } node || values.String(node, $"{path}.pattern") is not { } pattern)
        {
            return null;
        }

        if (type is not null && type != ParameterType.String)
        {
            values.Diagnostics.Error(fields.KeyNode("pattern")!.Start, DiagnosticCodes.InvalidValue,
                $"{path}.pattern: only a parameter of type string has a pattern, and this one is {type.Value.ToString().ToLowerInvariant()}.",
                type == ParameterType.Choice ? "The choices already limit its values: remove pattern:." : "Write type: string, or remove pattern:.");
            return null;
        }

        try
        {
            _ = ParameterValues.PatternRegex(pattern);
            return pattern;
        }
        catch (ArgumentException ex)
        {
            values.Diagnostics.Error(node.Start, DiagnosticCodes.InvalidValue, $"{path}.pattern: '{pattern}' is not a valid regular expression: {ex.Message.TrimEnd('.')}.",
                "Write a .NET regular expression that the whole value must match, e.g. '[a-z0-9-]+'; quote it in single quotes so YAML keeps backslashes.");
            return null;
        }
    }

    private static string Suggest(string name)
    {
        var lowered = new string([.. name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_')]);
        return lowered.Length > 0 && char.IsAsciiLetterLower(lowered[0]) ? lowered : "p" + lowered;
    }

    [GeneratedRegex("^[a-z][a-z0-9_-]*\\z")]
    private static partial Regex Name();
}
