using System.Text.RegularExpressions;
using Scheduler.Definitions.Diagnostics;
using Scheduler.Definitions.Model;

namespace Scheduler.Definitions.Parsing;

/// <summary>
/// Reads an <c>env</c> or <c>http.headers</c> value: text, or a reference to a credential
/// (<c>{ from-env: NAME }</c> or <c>{ from-file: PATH }</c>, with an optional <c>prefix</c>).
/// </summary>
internal static partial class TaskValueReader
{
    private const string Example = "e.g. { from-env: APP_DB_URL } or { from-file: /run/secrets/db_url, prefix: \"Bearer \" }";

    public static TaskValue? Read(ValueReader values, YamlNode node, string path)
    {
        if (node is not YamlMapping mapping)
        {
            return values.String(node, path, allowEmpty: true) is { } text ? TaskValue.Literal(text) : null;
        }

        var diagnostics = values.Diagnostics;
        var fields = new KeyedFields(mapping, path, Keys.Reference, diagnostics);
        var fromEnv = fields.Value("from-env");
        var fromFile = fields.Value("from-file");
        if (fromEnv is not null && fromFile is not null)
        {
            diagnostics.Error(fields.KeyNode("from-file")!.Start, DiagnosticCodes.InvalidValue,
                $"{path}: a value comes from one place, but both from-env and from-file are given.", "Keep either from-env or from-file.");
            return null;
        }

        if (fromEnv is null && fromFile is null)
        {
            diagnostics.Error(mapping.Start, DiagnosticCodes.MissingRequired, $"{path}: the mapping says neither from-env nor from-file.",
                $"Write the text itself, or name where the scheduler reads it when the run starts, {Example}.");
            return null;
        }

        var prefix = fields.Value("prefix") is { } prefixNode ? values.String(prefixNode, Paths.Join(path, "prefix"), allowEmpty: true) : "";
        var name = fromEnv is not null ? EnvironmentName(values, fromEnv, Paths.Join(path, "from-env")) : values.String(fromFile!, Paths.Join(path, "from-file"));
        return name is not null && prefix is not null
            ? TaskValue.From(new SecretReference(fromEnv is not null ? SecretSource.Environment : SecretSource.File, name, prefix, mapping.Start))
            : null;
    }

    private static string? EnvironmentName(ValueReader values, YamlNode node, string path)
    {
        if (values.String(node, path) is not { } name)
        {
            return null;
        }

        if (VariableName().IsMatch(name))
        {
            return name;
        }

        values.Diagnostics.Error(node.Start, DiagnosticCodes.InvalidValue, $"{path}: '{name}' is not an environment variable name.",
            "Use letters, digits and '_', not starting with a digit, e.g. from-env: APP_DB_URL.");
        return null;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*\\z")]
    private static partial Regex VariableName();
}
