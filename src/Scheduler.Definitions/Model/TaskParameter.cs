namespace Scheduler.Definitions.Model;

/// <summary>
/// One parameter a task declares under <c>params:</c>. <see cref="Default"/> is the value's canonical text (as
/// <see cref="Parameters.ParameterValues"/> converts it), or null when there is none; <see cref="Pattern"/> must match
/// the whole value of a <c>string</c> parameter.
/// </summary>
public sealed record TaskParameter(
    string Name,
    ParameterType Type,
    string? Default,
    IReadOnlyList<string> Choices,
    bool Required,
    string? Description,
    string? Pattern)
{
    /// <summary>The environment variable a run gets it in: <c>SCHEDULER_PARAM_</c>, upper case, <c>-</c> as <c>_</c>.</summary>
    public string VariableName => VariableNameOf(Name);

    /// <summary>The environment variable of the parameter named <paramref name="name"/>.</summary>
    public static string VariableNameOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return "SCHEDULER_PARAM_" + name.Replace('-', '_').ToUpperInvariant();
    }

    /// <summary>The type as written in a task file, e.g. <c>choice</c>.</summary>
    public string TypeName => Type.ToString().ToLowerInvariant();
}
